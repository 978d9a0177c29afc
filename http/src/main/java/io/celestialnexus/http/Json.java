package io.celestialnexus.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import io.celestialnexus.engine.status.StatusJson;
import java.util.stream.Collectors;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** JSON in and out with the node's one mapping (the same one that writes reports/status.json). */
public final class Json {

  private Json() {}

  public static <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(StatusJson.mapper());
  }

  /**
   * Reads an {@code application/json} body as a {@code type}. A body that is no JSON, of the wrong shape, or the
   * literal {@code null} (which Jackson reads as a null object, and which the routes would otherwise trip over) fails
   * with an {@link IllegalArgumentException}: the {@code entity} directive turns that into a 400 whose detail names
   * the field and the problem, never a Java class.
   */
  public static <T> Unmarshaller<HttpEntity, T> unmarshaller(Class<T> type) {
    return Unmarshaller.forMediaType(MediaTypes.APPLICATION_JSON, Unmarshaller.entityToString()).thenApply(text -> read(text, type));
  }

  static <T> T read(String text, Class<T> type) {
    T value;
    try {
      value = StatusJson.mapper().readValue(text, type);
    } catch (InputCoercionException e) {
      throw new IllegalArgumentException("a number in the body is out of range" + at(e), e);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException("the body is not valid JSON" + at(e), e);
    } catch (JsonMappingException e) {
      throw new IllegalArgumentException(
          "the body must be a JSON object with the documented fields" + field(e) + at(e), e);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the body is not valid JSON" + at(e), e);
    }
    if (value == null) {
      throw new IllegalArgumentException("the body must be a JSON object with the documented fields, not null");
    }
    return value;
  }

  /** Where the problem is, as JSON sees it: {@code reds[2]} or {@code count}. */
  private static String field(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(reference -> reference.getFieldName() != null ? "." + reference.getFieldName() : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining());
    if (path.isEmpty()) {
      return "";
    }
    String problem = e.getCause() instanceof InputCoercionException ? "' is out of range" : "' has the wrong type or value";
    return "; '" + (path.startsWith(".") ? path.substring(1) : path) + problem;
  }

  private static String at(JsonProcessingException e) {
    return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }
}
