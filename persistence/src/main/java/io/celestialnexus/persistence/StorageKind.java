package io.celestialnexus.persistence;

import java.util.Locale;

/** The databases the journal can live in, with what the plugin and the schema need to know about each. */
public enum StorageKind {
  H2("slick.jdbc.H2Profile$", "org.h2.Driver"),
  POSTGRES("slick.jdbc.PostgresProfile$", "org.postgresql.Driver");

  private final String slickProfile;
  private final String driver;

  StorageKind(String slickProfile, String driver) {
    this.slickProfile = slickProfile;
    this.driver = driver;
  }

  public String slickProfile() {
    return slickProfile;
  }

  public String driver() {
    return driver;
  }

  /** The name used in configuration and in {@code schema/<name>/}. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
