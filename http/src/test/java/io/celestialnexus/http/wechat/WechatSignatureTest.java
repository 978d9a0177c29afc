package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.PublishedVectors.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WechatSignatureTest {

  @Test
  void wechatpysPublishedUrlSignatureVerifies() {
    assertEquals(WECHATPY_SIGNATURE, WechatSignature.sign(WECHATPY_TOKEN, WECHATPY_TIMESTAMP, WECHATPY_NONCE));
    assertEquals(Optional.of("test"), new WechatSignature(List.of(WECHATPY_TOKEN)).verify(WECHATPY_SIGNATURE, WECHATPY_TIMESTAMP, WECHATPY_NONCE));
  }

  @Test
  void theOrderOfThePartsDoesNotMatterBecauseTheyAreSorted() {
    assertEquals(WechatSignature.sign("a", "b", "c"), WechatSignature.sign("c", "a", "b"));
  }

  @Test
  void aSignatureOffByOneDigitDoesNotVerify() {
    String wrong = WECHATPY_SIGNATURE.substring(0, 39) + "e";
    assertEquals(Optional.empty(), new WechatSignature(List.of(WECHATPY_TOKEN)).verify(wrong, WECHATPY_TIMESTAMP, WECHATPY_NONCE));
    assertFalse(WechatSignature.same(WECHATPY_SIGNATURE, WECHATPY_SIGNATURE.substring(1)));
    assertTrue(WechatSignature.same(WECHATPY_SIGNATURE, WECHATPY_SIGNATURE.toUpperCase()));
  }

  @Test
  void duringRotationEveryAcceptedTokenVerifiesAndNamesItself() {
    WechatSignature ring = new WechatSignature(List.of("new-token", "old-token"));
    String byOld = WechatSignature.sign("old-token", "1700000000", "n1");
    String byNew = WechatSignature.sign("new-token", "1700000000", "n1");
    assertEquals(Optional.of("old-token"), ring.verify(byOld, "1700000000", "n1"));
    assertEquals(Optional.of("new-token"), ring.verify(byNew, "1700000000", "n1"));
    assertEquals(Optional.empty(), ring.verify(WechatSignature.sign("stranger", "1700000000", "n1"), "1700000000", "n1"));
  }
}
