package dev.middleman.server.config;

/**
 * One setting as given, before it is checked.
 *
 * @param text the value, or {@code null} when neither flag, environment nor default gives one
 * @param source where it came from: the flag, the environment variable, or {@code null} for the
 *     default
 */
record RawValue(Setting setting, String text, String source) {

  boolean isSet() {
    return text != null;
  }

  /** How to name this value in an error: {@code MIDDLEMAN_X=abc} or {@code --x=abc}. */
  String describe() {
    String shown = Secrets.isDsn(setting) ? Secrets.maskDsnText(text) : text;
    return (source != null ? source : setting.env()) + "=" + shown;
  }

  ConfigException invalid(String reason) {
    return new ConfigException(describe() + ": " + reason);
  }
}
