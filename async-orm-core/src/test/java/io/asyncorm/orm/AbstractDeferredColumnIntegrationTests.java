package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.defer;
import static io.asyncorm.orm.Orm.loadOnly;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.undefer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.deferred.Document;
import io.asyncorm.orm.deferred.Document_;
import io.asyncorm.sql.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Deferred columns: {@code @Basic(fetch = LAZY)} and the {@code defer}, {@code undefer}, {@code loadOnly} options. The
 * query selects NULL in place of the column, {@code AsyncAttrs.fetch} loads it with one statement, and a flush writes
 * it only when the application set it.
 */
abstract class AbstractDeferredColumnIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry DOCUMENTS = Registry.of(Document.class);

    private static final String BODY = "x".repeat(100_000);

    @Override
    protected Registry registry() {
        return DOCUMENTS;
    }

    private void addDocuments() {
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new Document(1, "one", BODY));
            session.add(new Document(2, "two", "short"));
            return Mono.empty();
        })).verifyComplete();
        this.echo.clear();
    }

    private String bodyInTheDatabase(long id) {
        return this.engine.connect(conn -> conn.<String>scalar(Sql.text("select body from df_document where id = " + id)))
                .blockLast().orElse(null);
    }

    @Test
    void queriesLeaveTheDeferredColumnUnloadedAndFetchLoadsItWithOneStatement() {
        addDocuments();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Document.class).orderBy(Document_.id.asc()))
                .flatMap(documents -> {
                    assertThat(documents).extracting(Document::getTitle).containsExactly("one", "two");
                    assertThat(documents).extracting(Document::getBody).containsOnlyNulls();
                    assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("SELECT")).singleElement().asString()
                            .containsIgnoringCase("NULL AS body__deferred").doesNotContain("df_document.body");
                    this.echo.clear();
                    return AsyncAttrs.fetch(documents.get(0), Document_.body).flatMap(body -> {
                        assertThat(body).isEqualTo(BODY);
                        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("SELECT")).hasSize(1);
                        documents.get(1).setTitle("two, edited");
                        return AsyncAttrs.fetch(documents.get(0), Document_.body);
                    });
                }))).assertNext(again -> assertThat(again).isEqualTo(BODY)).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("SELECT")).as("fetched once").hasSize(1);
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("UPDATE")).singleElement().asString()
                .contains("title").doesNotContain("body");
        assertThat(bodyInTheDatabase(2)).as("an unloaded column is not written").isEqualTo("short");
    }

    @Test
    void aDeferredColumnTheApplicationSetsIsWritten() {
        addDocuments();
        StepVerifier.create(this.maker.begin(session -> session.get(Document.class, 2).doOnNext(document -> {
            assertThat(document.getBody()).isNull();
            document.setBody("longer now");
        }).flatMap(document -> session.flush().then(AsyncAttrs.fetch(document, Document_.body)))))
                .assertNext(body -> assertThat(body).isEqualTo("longer now")).verifyComplete();
        assertThat(bodyInTheDatabase(2)).isEqualTo("longer now");
    }

    @Test
    void undeferLoadOnlyAndDeferChooseTheColumns() {
        addDocuments();
        StepVerifier.create(this.maker.use(session -> session.list(select(Document.class).options(undefer(Document_.body))
                .where(Document_.id.eq(1L)))))
                .assertNext(documents -> assertThat(documents.get(0).getBody()).isEqualTo(BODY)).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Document.class).options(loadOnly(Document_.title))
                .where(Document_.id.eq(2L)))))
                .assertNext(documents -> assertThat(documents.get(0)).extracting(Document::getTitle, Document::getBody)
                        .containsExactly("two", null)).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Document.class).options(defer(Document_.title))
                .where(Document_.id.eq(2L))).flatMap(documents -> {
                    assertThat(documents.get(0).getTitle()).isNull();
                    return AsyncAttrs.fetch(documents.get(0), Document_.title);
                }))).assertNext(title -> assertThat(title).isEqualTo("two")).verifyComplete();
        assertThatThrownBy(() -> select(Document.class).options(defer(Document_.id))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("Document.id is a key or version column");
    }

    @Test
    void aLaterQueryLoadsWhatIsStillUnloadedAndStreamsDeferToo() {
        addDocuments();
        StepVerifier.create(this.maker.use(session -> session.get(Document.class, 1).flatMap(document -> session.list(
                select(Document.class).options(undefer(Document_.body))).thenReturn(document))))
                .assertNext(document -> assertThat(document.getBody()).as("filled by the second query").isEqualTo(BODY))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.<Document>streamScalars(select(Document.class).orderBy(Document_.id.asc()))
                .flatMapMany(result -> result.rows()).map(document -> String.valueOf(document.getBody())).collectList()))
                .assertNext(bodies -> assertThat(bodies).containsExactly("null", "null")).verifyComplete();
    }

    @Test
    void anExpiredObjectReloadsWithoutItsDeferredColumnAndKeepsNoStaleValue() {
        addDocuments();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Document.class).options(undefer(Document_.body))
                .where(Document_.id.eq(2L))).flatMap(documents -> {
                    Document document = documents.get(0);
                    session.expire(document);
                    return session.get(Document.class, 2).then(Mono.fromRunnable(this.echo::clear))
                            .then(session.get(Document.class, 2)).map(again -> List.of(document, again));
                }))).assertNext(pair -> {
                    assertThat(pair.get(1)).isSameAs(pair.get(0));
                    assertThat(pair.get(0).getBody()).as("unloaded again, not stale").isNull();
                    assertThat(this.echo.statements()).as("the second get is an identity-map hit").noneMatch(line -> line.startsWith("SELECT"));
                }).verifyComplete();
        assertThat(bodyInTheDatabase(2)).isEqualTo("short");
    }
}
