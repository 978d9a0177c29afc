package io.celestialnexus.app.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.celestialnexus.persistence.UrlSecrets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Loads the node's configuration in layers: system properties, then the operator's file
 * ({@code --config}), then {@code application.conf}, then every module's {@code reference.conf}; the seed
 * environment variables ({@code AI_HEALTH_PORT}, {@code SSQ_*}, ...) override keys through {@code ${?VAR}}
 * in those defaults.
 */
public final class NodeConfig {

  private static final Pattern SECRET = Pattern.compile("(?i)token|key|secret|password");
  private static final String MASK = "****";

  private NodeConfig() {}

  public static Config load(Optional<Path> operatorFile) {
    ConfigFactory.invalidateCaches();
    Config application = ConfigFactory.parseResourcesAnySyntax("application");
    Config layered =
        operatorFile
            .map(file -> ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)))
            .map(operator -> operator.withFallback(application))
            .orElse(application);
    return ConfigFactory.load(layered);
  }

  /**
   * The effective {@code nexus} tree as HOCON, with every secret-looking value masked: whole values under a key that
   * says token, key, secret or password, and the credentials inside any URL ({@link UrlSecrets}).
   */
  public static String render(Config config) {
    Config nexus = config.getConfig("nexus");
    for (Map.Entry<String, ConfigValue> entry : nexus.entrySet()) {
      List<String> keys = ConfigUtil.splitPath(entry.getKey());
      // the alert robots' URLs carry their tokens (access_token=, key=, the hook's path)
      boolean secret =
          SECRET.matcher(keys.get(keys.size() - 1)).find() || (keys.get(0).equals("alerts") && keys.get(keys.size() - 1).equals("url"));
      if (secret && !String.valueOf(entry.getValue().unwrapped()).isEmpty()) {
        nexus = nexus.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(MASK));
      } else if (entry.getValue().valueType() == ConfigValueType.STRING) {
        // a URL may carry a password or a token of its own (NEXUS_DB_URL, a robot's webhook)
        String text = (String) entry.getValue().unwrapped();
        String masked = UrlSecrets.mask(text);
        if (!masked.equals(text)) {
          nexus = nexus.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef(masked));
        }
      }
    }
    return ConfigFactory.empty()
        .withValue("nexus", nexus.root())
        .root()
        .render(ConfigRenderOptions.defaults().setOriginComments(false).setComments(false).setJson(false));
  }
}
