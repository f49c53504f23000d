package dev.middleman.server.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.slf4j.event.KeyValuePair;

/**
 * Writes each event as one JSON object on one line: {@code time}, {@code level}, then the event's
 * key-value pairs in the order they were added (structured logs such as the queue log), or, for a
 * plain log message, {@code logger}, {@code thread}, {@code message} and {@code exception}.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final byte[] NEWLINE = {'\n'};

  @Override
  public byte[] headerBytes() {
    return null;
  }

  @Override
  public byte[] footerBytes() {
    return null;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Rfc3339.format(event.getInstant()));
      json.writeStringField("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
      List<KeyValuePair> pairs = event.getKeyValuePairs();
      if (pairs != null && !pairs.isEmpty()) {
        for (KeyValuePair pair : pairs) {
          json.writeFieldName(pair.key);
          JSON.writeValue(json, pair.value);
        }
      } else {
        json.writeStringField("logger", event.getLoggerName());
        json.writeStringField("thread", event.getThreadName());
        json.writeStringField("message", event.getFormattedMessage());
      }
      if (event.getThrowableProxy() != null) {
        json.writeStringField("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(NEWLINE);
    return out.toByteArray();
  }
}
