package io.celestialnexus.http;

import io.celestialnexus.engine.status.StatusJson;
import org.apache.pekko.http.javadsl.marshallers.jackson.Jackson;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.http.javadsl.model.HttpEntity;

/** JSON in and out with the node's one mapping (the same one that writes reports/status.json). */
public final class Json {

  private Json() {}

  public static <T> Marshaller<T, RequestEntity> marshaller() {
    return Jackson.marshaller(StatusJson.mapper());
  }

  public static <T> Unmarshaller<HttpEntity, T> unmarshaller(Class<T> type) {
    return Jackson.unmarshaller(StatusJson.mapper(), type);
  }
}
