package io.asyncorm.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.Registry;
import io.asyncorm.spring.testapp.SessionController;
import io.asyncorm.spring.testapp.StarterTestApplication;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.util.function.Tuple2;

/**
 * Acceptance 3 of the starter issue, on H2 and PostgreSQL: each request has its own session, the same object
 * across its service calls, closed when the exchange ends: on success, on a handler error and when the client
 * goes away.
 */
@SpringBootTest(classes = StarterTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class AbstractRequestScopeIntegrationTests {

    @Autowired
    WebTestClient web;

    @LocalServerPort
    int port;

    @Autowired
    AsyncScopedSession scoped;

    @Autowired
    AsyncEngine engine;

    @Autowired
    Registry registry;

    @Autowired
    DatabaseClient client;

    @BeforeEach
    void reset() {
        this.engine.begin(conn -> this.registry.metadata().dropAll(conn, true).then(this.registry.metadata().createAll(conn)))
                .blockLast();
        SessionController.SEEN.clear();
        SessionController.MAX_ACTIVE.set(0);
    }

    private long notes() {
        return this.client.sql("select count(*) from starter_note").map(row -> row.get(0, Long.class)).one().block();
    }

    /**
     * What close() leaves: nothing pending, no transaction, and no scope entry. The filter removes the session once
     * the exchange completes, which may be just after the client has the response: so wait for it, briefly.
     */
    private void assertClosed(AsyncSession session) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(session.newObjects()).isEmpty();
            assertThat(session.inTransaction()).isFalse();
            assertThat(this.scoped.size()).isZero();
        });
    }

    @Test
    void twoConcurrentRequestsGetTwoSessionsAndBothAreClosed() {
        WebClient client = WebClient.create("http://localhost:" + this.port);
        Tuple2<String, String> ids = Mono.zip(client.get().uri("/session/first").retrieve().bodyToMono(String.class),
                client.get().uri("/session/second").retrieve().bodyToMono(String.class)).block(Duration.ofSeconds(10));
        assertThat(SessionController.MAX_ACTIVE).as("the requests overlapped").hasValue(2);
        assertThat(ids.getT1()).isNotEqualTo(ids.getT2());
        assertThat(SessionController.SEEN.get("first")).isNotSameAs(SessionController.SEEN.get("second"));
        assertClosed(SessionController.SEEN.get("first"));
        assertClosed(SessionController.SEEN.get("second"));
        assertThat(notes()).as("the pending objects were never committed").isZero();
    }

    @Test
    void oneRequestSeesOneSessionAcrossItsTransactionalServiceCalls() {
        this.web.get().uri("/service-calls").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<List<Boolean>>() { }).isEqualTo(List.of(true, true));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.scoped.size() == 0);
    }

    @Test
    void theSessionIsClosedWhenTheHandlerFails() {
        this.web.get().uri("/failing/broken").exchange().expectStatus().is5xxServerError();
        assertClosed(SessionController.SEEN.get("broken"));
    }

    @Test
    void theSessionIsClosedAndItsTransactionRolledBackWhenTheClientGoesAway() {
        Disposable request = WebClient.create("http://localhost:" + this.port).get().uri("/hanging/gone").retrieve()
                .bodyToMono(String.class).subscribe(body -> { }, error -> { });
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> SessionController.SEEN.containsKey("gone-flushed"));
        AsyncSession session = SessionController.SEEN.get("gone");
        assertThat(session.inTransaction()).as("the flush opened a transaction").isTrue();
        request.dispose();
        assertClosed(session);
        assertThat(notes()).as("the flushed row was rolled back").isZero();
    }
}
