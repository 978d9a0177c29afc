package io.celestialnexus.http.wechat;

import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_BASE64;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_CIPHERTEXT;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_LENGTH;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.BAD_PADDING;
import static io.celestialnexus.http.wechat.WechatRejection.Reason.WRONG_APPID;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's safe mode, exactly as specified: AES-256-CBC with the key's first 16 bytes as IV, over
 * 16 random bytes + the XML's byte length (4 bytes, big-endian) + the UTF-8 XML + the AppID, padded PKCS#7-style to
 * a multiple of 32 bytes, Base64 on the wire. Decryption rejects bad Base64, a ciphertext that is not whole AES
 * blocks, bad padding, a declared length that is zero, negative or overruns the buffer and an AppID that is not ours.
 *
 * <p>Thread-safe: each thread keeps its own initialised ciphers (a CBC cipher in NoPadding mode returns to its
 * initial IV after every doFinal, so it is reused without re-keying).
 */
public final class WechatCrypto {

  private static final int BLOCK = 32;
  private static final int RANDOM_BYTES = 16;
  private static final int LENGTH_BYTES = 4;
  private static final Pattern ENCODING_AES_KEY = Pattern.compile("[A-Za-z0-9+/]{43}");
  private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(WechatCrypto::newRandom);

  private final byte[] appId;
  private final ThreadLocal<Cipher> encryptor;
  private final ThreadLocal<Cipher> decryptor;

  public WechatCrypto(byte[] aesKey, String appId) {
    if (aesKey.length != 32) {
      throw new IllegalArgumentException("the AES key must be 32 bytes, was " + aesKey.length);
    }
    this.appId = appId.getBytes(StandardCharsets.UTF_8);
    byte[] key = aesKey.clone();
    this.encryptor = ThreadLocal.withInitial(() -> cipher(Cipher.ENCRYPT_MODE, key));
    this.decryptor = ThreadLocal.withInitial(() -> cipher(Cipher.DECRYPT_MODE, key));
  }

  /**
   * The 32-byte key of a 43-character EncodingAESKey: Base64 of the key + "=". Decoded leniently (the JDK decoder
   * ignores the unused trailing bits, which real keys set and strict decoders reject).
   */
  public static byte[] decodeKey(String encodingAesKey) {
    if (!ENCODING_AES_KEY.matcher(encodingAesKey).matches()) {
      throw new IllegalArgumentException(
          "an EncodingAESKey is 43 characters of A-Z, a-z, 0-9, + and / (got " + encodingAesKey.length() + " characters)");
    }
    return Base64.getDecoder().decode(encodingAesKey + "=");
  }

  /** Encrypts with a fresh random prefix. */
  public String encrypt(String xml) {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.get().nextBytes(random);
    return encrypt(xml, random);
  }

  /** Encrypts with the given 16-byte prefix (published test vectors fix it). */
  public String encrypt(String xml, byte[] randomPrefix) {
    if (randomPrefix.length != RANDOM_BYTES) {
      throw new IllegalArgumentException("the random prefix is 16 bytes");
    }
    byte[] text = xml.getBytes(StandardCharsets.UTF_8);
    int length = RANDOM_BYTES + LENGTH_BYTES + text.length + appId.length;
    int pad = BLOCK - length % BLOCK;
    byte[] plain = new byte[length + pad];
    System.arraycopy(randomPrefix, 0, plain, 0, RANDOM_BYTES);
    plain[16] = (byte) (text.length >>> 24);
    plain[17] = (byte) (text.length >>> 16);
    plain[18] = (byte) (text.length >>> 8);
    plain[19] = (byte) text.length;
    System.arraycopy(text, 0, plain, RANDOM_BYTES + LENGTH_BYTES, text.length);
    System.arraycopy(appId, 0, plain, RANDOM_BYTES + LENGTH_BYTES + text.length, appId.length);
    Arrays.fill(plain, length, plain.length, (byte) pad);
    try {
      return Base64.getEncoder().encodeToString(encryptor.get().doFinal(plain));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES/CBC/NoPadding refused whole blocks", e);
    }
  }

  /** The XML inside an Encrypt value, after every check the format allows. */
  public String decrypt(String encrypted) throws WechatRejection {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(encrypted.strip());
    } catch (IllegalArgumentException e) {
      throw new WechatRejection(BAD_BASE64, "Encrypt is not valid Base64: " + e.getMessage());
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new WechatRejection(BAD_CIPHERTEXT, "Encrypt holds " + cipherText.length + " bytes, not whole AES blocks");
    }
    byte[] plain;
    try {
      plain = decryptor.get().doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new WechatRejection(BAD_CIPHERTEXT, "AES decryption failed");
    }
    int pad = plain[plain.length - 1] & 0xff;
    if (pad < 1 || pad > BLOCK || pad > plain.length) {
      throw new WechatRejection(BAD_PADDING, "padding byte " + pad + " is outside 1..32");
    }
    for (int i = plain.length - pad; i < plain.length; i++) {
      if ((plain[i] & 0xff) != pad) {
        throw new WechatRejection(BAD_PADDING, "the " + pad + " padding bytes are not all " + pad);
      }
    }
    int content = plain.length - pad;
    if (content < RANDOM_BYTES + LENGTH_BYTES) {
      throw new WechatRejection(BAD_LENGTH, "the plaintext is too short to hold a length");
    }
    int xmlLength =
        (plain[16] & 0xff) << 24 | (plain[17] & 0xff) << 16 | (plain[18] & 0xff) << 8 | (plain[19] & 0xff);
    // compared with what is left rather than added to the offset: a length near Integer.MAX_VALUE would overflow
    int room = content - RANDOM_BYTES - LENGTH_BYTES;
    if (xmlLength <= 0 || xmlLength > room) {
      throw new WechatRejection(
          BAD_LENGTH, "the declared XML length " + xmlLength + " is not within 1.." + room + " bytes of the " + content + "-byte plaintext");
    }
    int xmlEnd = RANDOM_BYTES + LENGTH_BYTES + xmlLength;
    if (!Arrays.equals(plain, xmlEnd, content, appId, 0, appId.length)) {
      throw new WechatRejection(WRONG_APPID, "the message is for another AppID");
    }
    return new String(plain, RANDOM_BYTES + LENGTH_BYTES, xmlLength, StandardCharsets.UTF_8);
  }

  private static Cipher cipher(int mode, byte[] key) {
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
      return cipher;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is not available", e);
    }
  }

  private static SecureRandom newRandom() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
