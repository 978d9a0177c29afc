package io.celestialnexus.bridge.wechat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selectors file: shipped versions, the fallback for others, and an operator's additions. */
class SelectorCatalogTest {

  @TempDir Path dir;

  @Test
  void theBundledFileKnowsRealWeChatVersions() {
    SelectorCatalog catalog = SelectorCatalog.load(Optional.empty());
    assertTrue(catalog.knownVersions().contains("8.0.48"), catalog.knownVersions().toString());
    Selectors selectors = catalog.forVersion("8.0.48");
    assertFalse(selectors.fallback());
    assertTrue(selectors.description().contains("wechat-8-0-4x"), selectors.description());
  }

  @Test
  void theBundledSetCoversWeChat8041To8049AndNamesItself() {
    SelectorCatalog catalog = SelectorCatalog.load(Optional.empty());
    for (int patch = 41; patch <= 49; patch++) {
      Selectors selectors = catalog.forVersion("8.0." + patch);
      assertEquals("wechat-8-0-4x", selectors.set(), "8.0." + patch);
      assertFalse(selectors.fallback());
    }
    assertEquals(Selectors.FALLBACK, catalog.forVersion("8.0.50").set());
    assertTrue(catalog.forVersion("8.0.47").notChats().contains("订阅号消息"));
  }

  @Test
  void anOperatorAddsAVersionToTheBundledSetWithOneLine() throws Exception {
    Path file = Files.writeString(dir.resolve("more.conf"), "wechat-selectors.sets.wechat-8-0-4x.versions += \"8.0.50\"\n");
    SelectorCatalog catalog = SelectorCatalog.load(Optional.of(file));
    assertEquals("wechat-8-0-4x", catalog.forVersion("8.0.50").set());
    assertEquals("wechat-8-0-4x", catalog.forVersion("8.0.47").set(), "the bundled versions stay");
  }

  @Test
  void anUnknownVersionFallsBackToTextAndClassAndSaysSo() {
    Selectors selectors = SelectorCatalog.load(Optional.empty()).forVersion("8.1.7");
    assertTrue(selectors.fallback());
    assertTrue(selectors.description().startsWith("fallback: no selector set for WeChat 8.1.7"), selectors.description());
  }

  @Test
  void anOperatorFileAddsAVersionOverTheBundledOnes() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("selectors.conf"),
            """
            wechat-selectors.sets.wechat-8-1 {
              versions = ["8.1.7"]
              source = "calibrated on our phone"
              chat-name = [".//node[@resource-id='com.tencent.mm:id/k81']"]
            }
            """);
    SelectorCatalog catalog = SelectorCatalog.load(Optional.of(file));
    assertFalse(catalog.forVersion("8.1.7").fallback());
    assertFalse(catalog.forVersion("8.0.48").fallback(), "the bundled sets are still there");
  }

  @Test
  void aBrokenSelectorFailsAtLoadNamingItsKeyAndFile() throws Exception {
    Path file = Files.writeString(dir.resolve("broken.conf"), "wechat-selectors.fallback.back = [\"//node[@content-desc=\"]\n");
    ConfigException failure = assertThrows(ConfigException.class, () -> SelectorCatalog.load(Optional.of(file)));
    assertTrue(failure.getMessage().contains("wechat-selectors.fallback.back"), failure.getMessage());
    assertTrue(failure.getMessage().contains("broken.conf"), failure.getMessage());
  }

  @Test
  void aSetWithoutVersionsIsRefused() throws Exception {
    Path file =
        Files.writeString(dir.resolve("empty.conf"), "wechat-selectors.sets.nothing { versions = [], source = \"?\" }\n");
    ConfigException failure = assertThrows(ConfigException.class, () -> SelectorCatalog.load(Optional.of(file)));
    assertEquals(true, failure.getMessage().contains("names no WeChat version"), failure.getMessage());
  }
}
