package io.asyncorm.samples;

import io.asyncorm.spring.test.AutoConfigureAsyncOrm;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The sample tested the way its users would test their own application: {@link AutoConfigureAsyncOrm} rolls back each
 * test method, so a book added over HTTP (committed by the request's {@code @Transactional} service on a server thread)
 * is visible to the next request of the same test and gone for the next test; no reseeding between tests. The tests
 * run in name order; the library's size is read once and must not change between them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@AutoConfigureAsyncOrm
@TestMethodOrder(MethodOrderer.MethodName.class)
abstract class AbstractLibraryRollbackIntegrationTests {

    private static final Map<Class<?>, AtomicLong> SIZE = new ConcurrentHashMap<>();

    @Autowired
    WebTestClient web;

    @Test
    void a_aBookAddedOverHttpIsSeenByTheNextRequest() {
        SIZE.computeIfAbsent(getClass(), key -> new AtomicLong()).set(booksInLibrary());
        long id = addBook();
        this.web.get().uri("/books/{id}", id).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("Rolled Back");
    }

    @Test
    void b_afterTheTestItIsGoneAndItsUniqueIsbnFree() {
        this.web.get().uri("/books?size=1").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.page.totalElements").isEqualTo(SIZE.get(getClass()).get());
        addBook();
    }

    private long addBook() {
        Map<?, ?> book = this.web.post().uri("/books").bodyValue(Map.of("title", "Rolled Back", "isbn", "9999999999999",
                "copies", 1, "authorId", 1, "tags", List.of("rollback"))).exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) book.get("id")).longValue();
    }

    private long booksInLibrary() {
        Map<?, ?> page = this.web.get().uri("/books?size=1").exchange().expectStatus().isOk().expectBody(Map.class)
                .returnResult().getResponseBody();
        return ((Number) ((Map<?, ?>) page.get("page")).get("totalElements")).longValue();
    }
}
