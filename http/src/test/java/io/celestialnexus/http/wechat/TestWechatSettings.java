package io.celestialnexus.http.wechat;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;

/** Endpoint settings over the shipped defaults, with files under a test's directory and extra HOCON on top. */
final class TestWechatSettings {

  static final String TOKEN = "test-token";
  static final String AES_KEY = PublishedVectors.SAMPLE_AES_KEY;
  static final String ORIGINAL_ID = "gh_test_account";

  private TestWechatSettings() {}

  static WechatSettings settings(Path dir, String apiBaseUrl, String overrides) {
    return WechatSettings.fromConfig(
        ConfigFactory.parseString(overrides)
            .withFallback(
                ConfigFactory.parseString(
                    "nexus.data.dir = \"" + dir.resolve("data") + "\"\n"
                        + "nexus.http.wechat { token = " + TOKEN + ", encoding-aes-key = " + AES_KEY + ", app-id = " + FakeWechatApi.APP_ID
                        + ", app-secret = " + FakeWechatApi.APP_SECRET + ", original-id = " + ORIGINAL_ID + "\n"
                        + " api.base-url = \"" + apiBaseUrl + "\", api.token-file = \"" + dir.resolve("token.json") + "\" }"))
            .withFallback(ConfigFactory.load())
            .resolve());
  }
}
