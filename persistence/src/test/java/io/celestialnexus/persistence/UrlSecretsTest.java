package io.celestialnexus.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class UrlSecretsTest {

  @Test
  void masksPasswordsInJdbcUrlsWhereverTheyAre() {
    assertEquals("jdbc:postgresql://db:5432/nexus?user=nexus&password=****&ssl=true",
        UrlSecrets.mask("jdbc:postgresql://db:5432/nexus?user=nexus&password=s3cr3t&ssl=true"));
    assertEquals("jdbc:postgresql://nexus:****@db:5432/nexus", UrlSecrets.mask("jdbc:postgresql://nexus:s3cr3t@db:5432/nexus"));
    assertEquals("jdbc:postgresql://db/nexus?sslpassword=****&PASSWORD=****",
        UrlSecrets.mask("jdbc:postgresql://db/nexus?sslpassword=a&PASSWORD=b"));
    assertEquals("jdbc:h2:file:/data/journal/nexus;USER=sa;PASSWORD=****", UrlSecrets.mask("jdbc:h2:file:/data/journal/nexus;USER=sa;PASSWORD=x"));
  }

  @Test
  void masksTheTokensRobotWebhooksCarryButKeepsWhereTheyPoint() {
    assertEquals("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=****",
        UrlSecrets.mask("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"));
    assertEquals("https://oapi.dingtalk.com/robot/send?access_token=****",
        UrlSecrets.mask("https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789"));
    assertEquals("https://open.feishu.cn/open-apis/bot/v2/hook/****",
        UrlSecrets.mask("https://open.feishu.cn/open-apis/bot/v2/hook/2f1c7a8e-1b2c-4d5e-8f90-123456789abc"));
    assertEquals("http://alerts-receiver-server01/hook/****?x=1", UrlSecrets.mask("http://alerts-receiver-server01/hook/abcdefghijklmnop1?x=1"));
  }

  @Test
  void leavesTextWithoutCredentialsAlone() {
    for (String plain : new String[] {"jdbc:postgresql://127.0.0.1:5432/nexus", "http://127.0.0.1:8080/health", "/var/lib/nexus", "", "a=b"}) {
      assertEquals(plain, UrlSecrets.mask(plain));
    }
  }
}
