package dev.middleman.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutingApiTest {

  private final RunningApi node = RunningApi.start();
  private final Api api = node.api;

  @AfterEach
  void stop() {
    node.close();
  }

  @Test
  void puts_gets_lists_and_deletes_a_routing_whose_category_has_slashes() {
    api.put("/queue/mail", "{}");

    Api.Response put = api.put("/routing/mail/send", "{\"queue_name\": \"mail\"}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body()).isEqualTo("{\"job_category\":\"mail/send\",\"queue_name\":\"mail\"}");
    assertThat(api.get("/routing/mail/send").body()).isEqualTo(put.body());
    assertThat(api.get("/routings").body()).isEqualTo("[" + put.body() + "]");
    assertThat(api.delete("/routing/mail/send").body()).isEqualTo(put.body());
    assertThat(api.get("/routing/mail/send").status()).isEqualTo(404);
    assertThat(api.delete("/routing/mail/send").status()).isEqualTo(404);
  }

  @Test
  void decodes_percent_escapes_in_the_path_and_refuses_broken_ones() throws Exception {
    api.put("/queue/mail", "{}");
    api.put("/routing/mail/send", "{\"queue_name\": \"mail\"}");

    assertThat(api.get("/routing/mail%2Fsend").json().get("job_category").asText())
        .isEqualTo("mail/send");
    assertThat(api.get("/routing/%E2%9C%89").status()).isEqualTo(404);
    Api.Response notUtf8 = api.get("/routing/mail%FF");
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.json().get("detail").asText()).startsWith("path");
    // a broken escape is refused by Undertow's request parser, before any handler
    List<String> broken = RawHttp.exchange(node.server.address().getPort(),
        "GET /routing/mail%2 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(broken.getFirst()).startsWith("HTTP/1.1 400");
  }

  @Test
  void refuses_a_routing_without_queue_name() {
    Api.Response response = api.put("/routing/x", "{}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).startsWith("queue_name");
  }

  @Test
  void refuses_a_routing_to_a_queue_name_that_cannot_exist() {
    Api.Response response = api.put("/routing/x", "{\"queue_name\": \"a;DROP TABLE x\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().get("detail").asText()).startsWith("queue_name");
  }

  @Test
  void refuses_a_routing_to_an_undefined_queue_with_404() {
    Api.Response response = api.put("/routing/x", "{\"queue_name\": \"nowhere\"}");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("detail").asText()).contains("nowhere");
    assertThat(api.get("/routings").json()).isEmpty();
  }

  @Test
  void answers_405_for_post_on_a_routing() {
    Api.Response response = api.post("/routing/x", "{}");

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.header("Allow")).isEqualTo("DELETE, GET, HEAD, PUT");
  }

  @Test
  void answers_404_for_an_unknown_path() {
    Api.Response response = api.get("/nothing/here");

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().get("detail").asText()).contains("/nothing/here");
  }
}
