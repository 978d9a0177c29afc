package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.PublishedVectors.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Our safe-mode crypto against WeChat's published vectors, and every way a ciphertext can be wrong. */
class WechatCryptoTest {

  /** A declared-length probe as a hostile client sends it: the ciphertext of {@code plain} (tests elsewhere). */
  static String forged(byte[] plain) throws Exception {
    return raw(plain);
  }

  /** Safe-mode plaintext for {@code xml} under {@code appId} whose length field says {@code declared}. */
  static byte[] declaring(int declared, String xml, String appId) {
    byte[] plain = layout(7, xml, appId, 32 * ((20 + xml.getBytes(StandardCharsets.UTF_8).length + appId.length()) / 32 + 1));
    java.nio.ByteBuffer.wrap(plain, 16, 4).putInt(declared);
    return plain;
  }

  private final WechatCrypto sample = new WechatCrypto(WechatCrypto.decodeKey(SAMPLE_AES_KEY), SAMPLE_APP_ID);

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void encryptionWithTheSamplesRandomPrefixReproducesThePublishedCiphertextByteForByte() {
    assertEquals(SAMPLE_REPLY_ENCRYPTED, sample.encrypt(SAMPLE_REPLY, ascii(SAMPLE_RANDOM)));
    assertEquals(SAMPLE_REPLY_2_ENCRYPTED, sample.encrypt(SAMPLE_REPLY_2, ascii(SAMPLE_RANDOM)));
  }

  @Test
  void thePublishedCiphertextsDecryptBack() throws Exception {
    assertEquals(SAMPLE_REPLY, sample.decrypt(SAMPLE_REPLY_ENCRYPTED));
    assertEquals(SAMPLE_REPLY_2, sample.decrypt(SAMPLE_REPLY_2_ENCRYPTED));
  }

  @Test
  void theOfficialPythonSamplesMessageVerifiesAndDecrypts() throws Exception {
    WechatSignature signatures = new WechatSignature(java.util.List.of(PY_TOKEN));
    assertEquals(PY_TOKEN, signatures.verify(PY_MSG_SIGNATURE, PY_TIMESTAMP, PY_NONCE, PY_ENCRYPT).orElseThrow());
    String xml = new WechatCrypto(WechatCrypto.decodeKey(SAMPLE_AES_KEY), PY_APP_ID).decrypt(PY_ENCRYPT);
    Map<String, String> fields = WechatXml.parse(xml.getBytes(StandardCharsets.UTF_8));
    assertEquals("text", fields.get("MsgType"), xml);
    assertTrue(fields.containsKey("FromUserName") && fields.containsKey("Content"), xml);
  }

  @Test
  void theSampleKeyHasNonZeroTrailingBitsAndStillDecodesToThirtyTwoBytes() {
    // 'G' ends in bits 10 after the 256 that make the key: strict decoders refuse it, WeChat's own samples do not
    byte[] key = WechatCrypto.decodeKey(SAMPLE_AES_KEY);
    assertEquals(32, key.length);
    assertArrayEquals(Base64.getDecoder().decode("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFE="), key);
  }

  @Test
  void malformedKeysAreRefusedWithAReason() {
    assertThrows(IllegalArgumentException.class, () -> WechatCrypto.decodeKey("too-short"));
    assertThrows(IllegalArgumentException.class, () -> WechatCrypto.decodeKey(SAMPLE_AES_KEY.substring(1) + "!"));
  }

  @Test
  void freshEncryptionsDifferButRoundTrip() throws Exception {
    String first = sample.encrypt("<xml>一</xml>");
    assertNotEquals(first, sample.encrypt("<xml>一</xml>"));
    assertEquals("<xml>一</xml>", sample.decrypt(first));
  }

  @Test
  void aMessageForAnotherAppIdIsRefused() {
    String theirs = new WechatCrypto(WechatCrypto.decodeKey(SAMPLE_AES_KEY), "wx0000000000000000").encrypt("<xml/>");
    assertEquals(WechatRejection.Reason.WRONG_APPID, assertThrows(WechatRejection.class, () -> sample.decrypt(theirs)).reason());
  }

  @Test
  void badBase64IsRefused() {
    assertEquals(WechatRejection.Reason.BAD_BASE64, assertThrows(WechatRejection.class, () -> sample.decrypt("%%%not base64%%%")).reason());
  }

  @Test
  void aCiphertextThatIsNotWholeBlocksIsRefused() {
    String odd = Base64.getEncoder().encodeToString(new byte[17]);
    assertEquals(WechatRejection.Reason.BAD_CIPHERTEXT, assertThrows(WechatRejection.class, () -> sample.decrypt(odd)).reason());
  }

  @Test
  void wrongPaddingIsRefused() throws Exception {
    byte[] plain = layout(5, "<xml/>", SAMPLE_APP_ID, 64);
    plain[plain.length - 1] = 33; // a pad value above the 32-byte block
    assertEquals(WechatRejection.Reason.BAD_PADDING, assertThrows(WechatRejection.class, () -> sample.decrypt(raw(plain))).reason());
    byte[] mixed = layout(5, "<xml/>", SAMPLE_APP_ID, 64);
    mixed[mixed.length - 2] ^= 1; // pad bytes that disagree
    assertEquals(WechatRejection.Reason.BAD_PADDING, assertThrows(WechatRejection.class, () -> sample.decrypt(raw(mixed))).reason());
  }

  @Test
  void aLengthThatOverrunsTheBufferIsRefused() throws Exception {
    byte[] plain = layout(5, "<xml/>", SAMPLE_APP_ID, 64);
    plain[16] = 0x7f; // declares ~2 GB of XML in a 64-byte buffer
    assertEquals(WechatRejection.Reason.BAD_LENGTH, assertThrows(WechatRejection.class, () -> sample.decrypt(raw(plain))).reason());
  }

  @Test
  void everyImpossibleDeclaredLengthIsABadLengthNotACrash() throws Exception {
    // 64 bytes: 20 of header, 6 of XML, 18 of AppID, 20 of padding; so at most 44 bytes can be XML
    for (int declared : new int[] {0, -1, Integer.MIN_VALUE, 45, 1_000, Integer.MAX_VALUE, Integer.MAX_VALUE - 19, Integer.MAX_VALUE - 24}) {
      byte[] plain = layout(5, "<xml/>", SAMPLE_APP_ID, 64);
      java.nio.ByteBuffer.wrap(plain, 16, 4).putInt(declared);
      WechatRejection refused = assertThrows(WechatRejection.class, () -> sample.decrypt(raw(plain)), "length " + declared);
      assertEquals(WechatRejection.Reason.BAD_LENGTH, refused.reason(), "length " + declared);
      assertTrue(refused.detail().contains(Integer.toString(declared)), refused.detail());
    }
  }

  /** random(16) + length + xml + appId + valid padding to {@code size} bytes. */
  private static byte[] layout(int seed, String xml, String appId, int size) {
    byte[] text = xml.getBytes(StandardCharsets.UTF_8);
    byte[] id = appId.getBytes(StandardCharsets.UTF_8);
    byte[] plain = new byte[size];
    java.util.Arrays.fill(plain, 0, 16, (byte) seed);
    java.nio.ByteBuffer.wrap(plain, 16, 4).putInt(text.length);
    System.arraycopy(text, 0, plain, 20, text.length);
    System.arraycopy(id, 0, plain, 20 + text.length, id.length);
    int pad = size - (20 + text.length + id.length);
    java.util.Arrays.fill(plain, size - pad, size, (byte) pad);
    return plain;
  }

  /** Encrypts exactly these bytes (no padding added), as a forger would. */
  private static String raw(byte[] plain) throws Exception {
    byte[] key = WechatCrypto.decodeKey(SAMPLE_AES_KEY);
    Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
    return Base64.getEncoder().encodeToString(cipher.doFinal(plain));
  }
}
