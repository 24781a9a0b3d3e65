package io.asyncorm.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.samples.library.LibrarySchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Every endpoint of the sample, end to end through HTTP, written once and run on H2 and PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
abstract class AbstractLibraryIntegrationTests {

    @Autowired
    WebTestClient web;

    @Autowired
    LibrarySchema schema;

    @Autowired
    AsyncEngine engine;

    @Autowired
    AsyncScopedSession scoped;

    final AtomicInteger statements = new AtomicInteger();

    private Disposable counting;

    @BeforeEach
    void seedAndCount() {
        this.schema.reset().block(Duration.ofSeconds(60));
        this.counting = this.engine.events().afterExecute(context -> Mono.fromRunnable(this.statements::incrementAndGet));
        this.statements.set(0);
    }

    @AfterEach
    void stopCounting() {
        this.counting.dispose();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.scoped.size() == 0);
    }

    @Test
    void authorsComeWithTheirBooksInTwoStatements() {
        this.web.get().uri("/authors").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(3)
                .jsonPath("$[0].name").isEqualTo("Ursula K. Le Guin")
                .jsonPath("$[0].books.length()").isEqualTo(2)
                .jsonPath("$[2].books[1].title").isEqualTo("Small Gods");
        assertThat(this.statements).as("authors, then all their books in one IN: no N+1").hasValue(2);
    }

    @Test
    void booksArePagedAndSortedByAttributeNamesOnly() {
        this.web.get().uri("/books?page=0&size=4&sort=title,desc").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content.length()").isEqualTo(4)
                .jsonPath("$.content[0].title").isEqualTo("The Dispossessed")
                .jsonPath("$.content[3].title").isEqualTo("Small Gods")
                .jsonPath("$.page.totalElements").isEqualTo(6)
                .jsonPath("$.page.totalPages").isEqualTo(2);
        assertThat(this.statements).as("the page, its authors, the count").hasValueLessThanOrEqualTo(3);
        this.web.get().uri("/books?page=1&size=4&sort=title").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.content[*].title").isEqualTo(List.of("The Cyberiad", "The Dispossessed"));
        this.web.get().uri("/books?size=1000").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.page.size").isEqualTo(100);
        this.web.get().uri("/books?sort=title;drop table library_book").exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("title"));
    }

    @Test
    void aBookComesWithItsAuthorAndTags() {
        this.web.get().uri("/books/4").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("The Cyberiad")
                .jsonPath("$.author").isEqualTo("Stanisław Lem")
                .jsonPath("$.tags").isEqualTo(List.of("humour", "science-fiction"))
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void aMissingBookIs404WithAProblemDetail() {
        this.web.get().uri("/books/999").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("No book with id 999");
    }

    @Test
    void addingABookCreatesItsNewTagsAndReusesTheOthers() {
        this.web.post().uri("/books").bodyValue(Map.of("title", "Mort", "isbn", "9780062225719", "copies", 1, "authorId", 3,
                "tags", List.of("fantasy", "death"))).exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.id").isEqualTo(7)
                .jsonPath("$.author").isEqualTo("Terry Pratchett")
                .jsonPath("$.tags").isEqualTo(List.of("death", "fantasy"));
        this.web.post().uri("/books").bodyValue(Map.of("title", "Eric", "isbn", "9780062225726", "copies", 1, "authorId", 3,
                "tags", List.of("death"))).exchange().expectStatus().isCreated().expectBody()
                .jsonPath("$.tags").isEqualTo(List.of("death"));
    }

    @Test
    void invalidInputIs400NamingEachField() {
        this.web.post().uri("/books").bodyValue(Map.of("title", " ", "isbn", "12", "copies", -1, "authorId", 1))
                .exchange().expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.title").isEqualTo("must not be blank")
                .jsonPath("$.errors.isbn").isEqualTo("must be 13 digits")
                .jsonPath("$.errors.copies").exists();
        assertThat(this.statements).as("nothing reached the database").hasValue(0);
    }

    /** Every hostile request gets a 4xx or is stored verbatim; none gets a 5xx, and refused ones write nothing. */
    @Test
    void hostileInputIsRefusedWith4xxOrStoredVerbatimNeverA5xx() {
        Map<?, ?> target = this.web.post().uri("/books").bodyValue(Map.of("title", "Target", "isbn", "9781111111111", "copies", 100,
                "authorId", 1)).exchange().expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        long book = ((Number) target.get("id")).longValue();
        long isbn = 9782000000000L;
        for (HostileInput input : HostileInput.cases()) {
            String uri = input.uri().replace("{book}", String.valueOf(book));
            String body = input.body().replace("{isbn}", String.valueOf(isbn++));
            long booksBefore = count("book");
            long loansBefore = count("loan");
            org.springframework.test.web.reactive.server.EntityExchangeResult<byte[]> result = (input.method().equals("PUT")
                    ? this.web.put() : this.web.post()).uri(uri).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectBody().returnResult();
            int status = result.getStatus().value();
            String answer = result.getResponseBody() == null ? "" : new String(result.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(status).as(input.name() + ": " + answer).isLessThan(500);
            if (input.stored() != null) {
                assertThat(status).as(input.name() + ": " + answer).isEqualTo(201);
                long id = ((Number) new tools.jackson.databind.ObjectMapper().readValue(answer, Map.class).get("id")).longValue();
                this.web.get().uri("/books/" + id).exchange().expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo(input.stored());
            } else {
                assertThat(status).as(input.name() + ": " + answer).isBetween(400, 499);
                assertThat(count("book")).as(input.name() + ": no book written").isEqualTo(booksBefore);
                assertThat(count("loan")).as(input.name() + ": no loan written").isEqualTo(loansBefore);
            }
        }
        this.web.get().uri("/books/" + book).exchange().expectStatus().isOk().expectBody().jsonPath("$.title").isEqualTo("Target");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
    }

    long count(String table) {
        return this.engine.connect(conn -> conn.<Number>scalar(io.asyncorm.sql.Sql.text("select count(*) from " + table)))
                .blockLast(Duration.ofSeconds(30)).orElseThrow().longValue();
    }

    @Test
    void aBookForAMissingAuthorIs404AndWritesNothing() {
        this.web.post().uri("/books").bodyValue(Map.of("title", "Ghost", "isbn", "9780000000000", "copies", 1, "authorId", 99))
                .exchange().expectStatus().isNotFound();
        this.web.get().uri("/books/7").exchange().expectStatus().isNotFound();
    }

    @Test
    void renamingWithTheCurrentVersionWorksAndAStaleOneIs409() {
        this.web.put().uri("/books/3/title").bodyValue(Map.of("title", "Solaris (new translation)", "version", 1))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.title").isEqualTo("Solaris (new translation)")
                .jsonPath("$.version").isEqualTo(2);
        this.web.put().uri("/books/3/title").bodyValue(Map.of("title", "Lost update", "version", 1))
                .exchange().expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.title").isEqualTo("Edit conflict");
        this.web.get().uri("/books/3").exchange().expectBody().jsonPath("$.title").isEqualTo("Solaris (new translation)");
    }

    @Test
    void aChangeCommittedByAnotherRequestBetweenReadAndUpdateIs409() {
        java.util.concurrent.atomic.AtomicBoolean interfered = new java.util.concurrent.atomic.AtomicBoolean();
        Disposable otherWriter = this.engine.events().beforeExecute(context -> context.sql().toUpperCase().startsWith("UPDATE BOOK")
                && interfered.compareAndSet(false, true)
                ? this.engine.begin(conn -> conn.execute(io.asyncorm.sql.Sql.text("update book set version = version + 1 where id = 3")))
                        .then()
                : Mono.empty());
        try {
            this.web.put().uri("/books/3/title").bodyValue(Map.of("title", "Mine", "version", 1))
                    .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.title").isEqualTo("Edit conflict");
        } finally {
            otherWriter.dispose();
        }
        assertThat(interfered).isTrue();
        this.web.get().uri("/books/3").exchange().expectBody().jsonPath("$.title").isEqualTo("Solaris").jsonPath("$.version").isEqualTo(2);
    }

    @Test
    void lendingTakesACopyUntilNoneIsLeft() {
        this.web.post().uri("/books/3/loans").bodyValue(Map.of("borrower", "ann")).exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.copiesLeft").isEqualTo(0).jsonPath("$.borrower").isEqualTo("ann");
        this.web.post().uri("/books/3/loans").bodyValue(Map.of("borrower", "bob")).exchange().expectStatus().isEqualTo(409);
        this.web.post().uri("/books/3/loans").bodyValue(Map.of("borrower", "")).exchange().expectStatus().isBadRequest();
    }

    @Test
    void theStreamGivesEveryBookAsNdjson() {
        this.web.get().uri("/books/stream").accept(MediaType.APPLICATION_NDJSON).exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_NDJSON)
                .expectBodyList(Map.class).hasSize(6);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Adds this many books in one statement (the dialect's row generator). */
    abstract String insertBooks(int count);

    @Test
    void aHundredThousandRowsStreamToASlowClientAndAnAbortedStreamFreesTheConnection() {
        this.engine.begin(conn -> conn.execute(io.asyncorm.sql.Sql.text(insertBooks(100_000)))).blockLast(Duration.ofSeconds(120));
        org.springframework.web.reactive.function.client.WebClient client = org.springframework.web.reactive.function.client.WebClient
                .create("http://localhost:" + this.port);
        AtomicInteger read = new AtomicInteger();
        Map<Integer, Long> heapAfterGc = new java.util.TreeMap<>();
        Long count = client.get().uri("/books/stream").accept(MediaType.APPLICATION_NDJSON).retrieve()
                .bodyToFlux(String.class)
                .limitRate(256)
                .doOnNext(row -> {
                    int n = read.incrementAndGet();
                    if (n == 1_000) {
                        // A slow reader: the server must wait (its cursor and connection stay open), not buffer ahead.
                        assertThat(this.engine.poolStatus().acquired()).as("the cursor holds its connection").isEqualTo(1);
                    }
                    if (n == 1 || n == 1_000 || n == 50_000 || n == 99_000) {
                        heapAfterGc.put(n, usedHeapAfterGc());
                    }
                })
                .delayElements(Duration.ofNanos(1))
                .count().block(Duration.ofSeconds(300));
        assertThat(count).isEqualTo(100_006L);
        // One JVM holds server and client, so this bounds both: the heap must not grow with the rows read (it did,
        // by about 0.7 KiB a row, while the session kept the state of every expunged object).
        org.slf4j.LoggerFactory.getLogger(getClass()).info("Used heap after GC (MiB) by rows read: {}", heapAfterGc);
        assertThat(heapAfterGc.get(99_000)).as("heap after 99,000 rows vs after the first, MiB").isLessThanOrEqualTo(heapAfterGc.get(1) + 16);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);

        List<String> first = client.get().uri("/books/stream").accept(MediaType.APPLICATION_NDJSON).retrieve()
                .bodyToFlux(String.class).take(10).collectList().block(Duration.ofSeconds(30));
        assertThat(first).hasSize(10);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.engine.poolStatus().acquired() == 0);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }
}
