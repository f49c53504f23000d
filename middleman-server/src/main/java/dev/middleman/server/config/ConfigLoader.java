package dev.middleman.server.config;

import dev.middleman.core.Version;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** Reads the command line and the environment into a {@link ServerConfig}; a flag beats its variable. */
public final class ConfigLoader {

  /** What the command line asks for. */
  public sealed interface Request {
    record Run(ServerConfig config) implements Request {}

    /** Print this text (help or version) to standard output and exit 0. */
    record Print(String text) implements Request {}
  }

  private ConfigLoader() {}

  /** @throws ConfigException with one line naming the bad setting and its value */
  public static Request load(String[] args, Map<String, String> env) {
    CommandLine commandLine = new CommandLine(spec());
    ParseResult parsed;
    try {
      parsed = commandLine.parseArgs(args);
    } catch (ParameterException e) {
      throw new ConfigException(e.getMessage());
    }
    if (parsed.isUsageHelpRequested()) {
      return new Request.Print(commandLine.getUsageMessage());
    }
    if (parsed.isVersionHelpRequested()) {
      return new Request.Print("middleman " + Version.current() + System.lineSeparator());
    }
    return new Request.Run(ServerConfig.from(rawValues(parsed, env), env));
  }

  private static Map<Setting, RawValue> rawValues(ParseResult parsed, Map<String, String> env) {
    Map<Setting, RawValue> raw = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      raw.put(setting, rawValue(setting, parsed, env));
    }
    return raw;
  }

  private static RawValue rawValue(Setting setting, ParseResult parsed, Map<String, String> env) {
    if (parsed.hasMatchedOption(setting.flag())) {
      return new RawValue(setting, parsed.matchedOptionValue(setting.flag(), ""), setting.flag());
    }
    String fromEnv = env.get(setting.env());
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return new RawValue(setting, fromEnv, setting.env());
    }
    return new RawValue(setting, setting.defaultValue(), null);
  }

  private static CommandSpec spec() {
    CommandSpec spec = CommandSpec.create()
        .name("middleman")
        .mixinStandardHelpOptions(true);
    spec.usageMessage()
        .description("Middleman, a durable HTTP job queue. Every option is also an environment"
            + " variable, shown with it; an option beats its variable.")
        .width(100)
        .sortOptions(false)
        .abbreviateSynopsis(true);
    for (Setting setting : Setting.values()) {
      String shownDefault = setting.defaultValue() == null ? "" : " Default: " + setting.defaultValue() + ".";
      spec.addOption(OptionSpec.builder(setting.flag())
          .paramLabel(setting.label())
          .type(String.class)
          .description(setting.description() + shownDefault, "Env: " + setting.env())
          .build());
    }
    return spec;
  }
}
