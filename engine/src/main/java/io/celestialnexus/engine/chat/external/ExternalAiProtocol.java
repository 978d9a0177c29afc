package io.celestialnexus.engine.chat.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.celestialnexus.engine.chat.ChatMessage;
import io.celestialnexus.engine.chat.router.ChatSettings;
import io.celestialnexus.engine.status.StatusJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * How each kind of external AI service ({@code EXTERNAL_SERVICE_TYPE}) is asked and how its answer is read:
 * {@code openai} chat-completions JSON, {@code ollama} {@code /api/chat} without streaming, {@code custom} a JSON
 * POST of {@code {"user","text"}} answered by {@code {"reply"}}, {@code default} the text itself as a plain POST
 * answered by plain text.
 */
enum ExternalAiProtocol {
  OPENAI {
    @Override
    HttpRequest.BodyPublisher body(ChatSettings.External settings, ChatMessage message) throws IOException {
      ObjectNode body = StatusJson.mapper().createObjectNode();
      if (!settings.model().isEmpty()) {
        body.put("model", settings.model());
      }
      body.set("messages", messages(settings, message));
      body.put("user", message.sender());
      return json(body);
    }

    @Override
    String answer(String body) throws IOException {
      return text(StatusJson.mapper().readTree(body).path("choices").path(0).path("message").path("content"));
    }
  },
  OLLAMA {
    @Override
    HttpRequest.BodyPublisher body(ChatSettings.External settings, ChatMessage message) throws IOException {
      ObjectNode body = StatusJson.mapper().createObjectNode();
      body.put("model", settings.model());
      body.set("messages", messages(settings, message));
      body.put("stream", false);
      return json(body);
    }

    @Override
    String answer(String body) throws IOException {
      return text(StatusJson.mapper().readTree(body).path("message").path("content"));
    }
  },
  CUSTOM {
    @Override
    HttpRequest.BodyPublisher body(ChatSettings.External settings, ChatMessage message) throws IOException {
      ObjectNode body = StatusJson.mapper().createObjectNode();
      body.put("user", message.sender());
      body.put("text", message.text());
      return json(body);
    }

    @Override
    String answer(String body) throws IOException {
      return text(StatusJson.mapper().readTree(body).path("reply"));
    }
  },
  PLAIN {
    @Override
    HttpRequest.BodyPublisher body(ChatSettings.External settings, ChatMessage message) {
      return HttpRequest.BodyPublishers.ofString(message.text(), StandardCharsets.UTF_8);
    }

    @Override
    String contentType() {
      return "text/plain; charset=utf-8";
    }

    @Override
    String answer(String body) throws IOException {
      return nonBlank(body.strip());
    }
  };

  abstract HttpRequest.BodyPublisher body(ChatSettings.External settings, ChatMessage message) throws IOException;

  /** The reply text in a 2xx answer; an answer without one is an IOException (the error message is sent). */
  abstract String answer(String body) throws IOException;

  String contentType() {
    return "application/json";
  }

  static ExternalAiProtocol of(String type) {
    return switch (type) {
      case "openai" -> OPENAI;
      case "ollama" -> OLLAMA;
      case "custom" -> CUSTOM;
      default -> PLAIN;
    };
  }

  HttpRequest request(ChatSettings.External settings, ChatMessage message) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(settings.url()))
            .timeout(settings.timeout())
            .header("Content-Type", contentType())
            .POST(body(settings, message));
    if (!settings.apiKey().isEmpty()) {
      request.header("Authorization", "Bearer " + settings.apiKey());
    }
    return request.build();
  }

  private static ArrayNode messages(ChatSettings.External settings, ChatMessage message) {
    ArrayNode messages = StatusJson.mapper().createArrayNode();
    if (!settings.systemPrompt().isEmpty()) {
      messages.addObject().put("role", "system").put("content", settings.systemPrompt());
    }
    messages.addObject().put("role", "user").put("content", message.text());
    return messages;
  }

  private static HttpRequest.BodyPublisher json(JsonNode body) throws IOException {
    return HttpRequest.BodyPublishers.ofByteArray(StatusJson.mapper().writeValueAsBytes(body));
  }

  private static String text(JsonNode node) throws IOException {
    if (!node.isTextual()) {
      throw new IOException("the answer holds no reply text");
    }
    return nonBlank(node.asText().strip());
  }

  private static String nonBlank(String text) throws IOException {
    if (text.isEmpty()) {
      throw new IOException("the answer is empty");
    }
    return text;
  }
}
