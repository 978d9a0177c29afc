package io.celestialnexus.app.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest ("dev" when run from classes), with Pekko's and Java's. */
public final class NexusVersion implements IVersionProvider {

  public static String current() {
    String version = NexusVersion.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "nexus " + current() + " (Apache Pekko " + org.apache.pekko.Version.current() + ", Java " + Runtime.version() + ")"
    };
  }
}
