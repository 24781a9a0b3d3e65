package com.example.tasks;

import io.asyncorm.spring.test.AutoConfigureAsyncOrm;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureAsyncOrm
class TaskApiTests {

    @Autowired
    WebTestClient web;

    @Test
    void aTaskAddedOverHttpIsListed() {
        web.post().uri("/tasks").bodyValue(Map.of("title", "ship it")).exchange().expectStatus().isCreated();
        web.get().uri("/tasks").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].title").isEqualTo("ship it");
    }

    @Test
    void anUnknownTaskIs404() {
        web.post().uri("/tasks/{id}/done", 42).exchange().expectStatus().isNotFound();
    }
}
