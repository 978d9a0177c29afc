package io.celestialnexus.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {

  private static Config config(String lines) {
    return ConfigFactory.parseString(lines).withFallback(ConfigFactory.parseString("nexus.data.dir = \"/srv/nexus\""))
        .withFallback(ConfigFactory.load()).resolve();
  }

  @Test
  void h2IsTheDefaultAFileUnderTheDataDirWithTheOptionsThePluginNeeds() {
    StorageSettings settings = StorageSettings.fromConfig(config(""));
    assertEquals(StorageKind.H2, settings.kind());
    assertEquals("jdbc:h2:file:/srv/nexus/journal/nexus;DATABASE_TO_UPPER=false;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE", settings.url());
    assertEquals("h2 /srv/nexus/journal/nexus.mv.db", settings.describe());
    Config plugin = settings.pluginConfig();
    assertEquals("slick.jdbc.H2Profile$", plugin.getString("pekko-persistence-jdbc.shared-databases.nexus.profile"));
    assertEquals("org.h2.Driver", plugin.getString("pekko-persistence-jdbc.shared-databases.nexus.db.driver"));
  }

  @Test
  void postgresTakesUrlUserAndPasswordAndNeverShowsThePassword() {
    StorageSettings settings =
        StorageSettings.fromConfig(
            config(
                "nexus.storage { kind = postgres, postgres { url = \"jdbc:postgresql://db:5432/nexus\", user = u, password = hunter2 } }"));
    assertEquals(StorageKind.POSTGRES, settings.kind());
    assertEquals("postgres jdbc:postgresql://db:5432/nexus", settings.describe());
    assertFalse(settings.toString().contains("hunter2"));
    assertEquals(
        "slick.jdbc.PostgresProfile$", settings.pluginConfig().getString("pekko-persistence-jdbc.shared-databases.nexus.profile"));
  }

  @Test
  void anUnknownKindIsAnErrorNamingTheKey() {
    ConfigException error =
        assertThrows(ConfigException.class, () -> StorageSettings.fromConfig(config("nexus.storage.kind = mysql")));
    assertTrue(error.getMessage().contains("nexus.storage.kind"), error.getMessage());
    assertTrue(error.getMessage().contains("[h2, postgres]"), error.getMessage());
  }

  @Test
  void aNonPostgresUrlIsAnErrorNamingTheKey() {
    ConfigException error =
        assertThrows(
            ConfigException.class,
            () -> StorageSettings.fromConfig(config("nexus.storage { kind = postgres, postgres.url = \"jdbc:mysql://x/y\" }")));
    assertTrue(error.getMessage().contains("nexus.storage.postgres.url"), error.getMessage());
  }
}
