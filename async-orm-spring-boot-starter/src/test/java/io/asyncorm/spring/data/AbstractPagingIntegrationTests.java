package io.asyncorm.spring.data;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.ArgumentError;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.spring.boot.autoconfigure.AsyncOrmAutoConfiguration;
import io.asyncorm.spring.boot.autoconfigure.AsyncOrmPagingAutoConfiguration;
import io.asyncorm.spring.boot.autoconfigure.AsyncOrmUrlAutoConfiguration;
import io.asyncorm.spring.testapp.Note;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Paging on a real database: a page and its total in two statements (one when the page tells the total), a slice in
 * one, sort keys by attribute name only, with direction, NULLS placement and ignore-case.
 */
abstract class AbstractPagingIntegrationTests {

    protected abstract String url();

    @Configuration(proxyBeanMethods = false)
    @EntityScan(basePackageClasses = Note.class)
    static class Entities {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AsyncOrmUrlAutoConfiguration.class, AsyncOrmAutoConfiguration.class,
                    AsyncOrmPagingAutoConfiguration.class))
            .withUserConfiguration(Entities.class);

    @Test
    void pagesSlicesAndSortKeys() {
        this.runner.withPropertyValues("async-orm.engine.url=" + url(), "async-orm.schema.mode=none").run(context -> {
            AsyncEngine engine = context.getBean(AsyncEngine.class);
            Registry registry = context.getBean(Registry.class);
            AsyncSessionMaker maker = context.getBean(AsyncSessionMaker.class);
            Paging paging = context.getBean(Paging.class);
            engine.begin(conn -> registry.metadata().dropAll(conn, true).then(registry.metadata().createAll(conn))).blockLast();
            try {
                maker.begin(session -> {
                    IntStream.rangeClosed(1, 25).forEach(i -> session.add(new Note(String.format("note %02d", i))));
                    return Mono.empty();
                }).blockLast();
                List<String> sql = new CopyOnWriteArrayList<>();
                engine.events().beforeExecute(execute -> Mono.fromRunnable(() -> sql.add(execute.sql())));

                Page<Note> first = maker.use(session -> paging.page(session, select(Note.class),
                        PageRequest.of(0, 10, Sort.by(Sort.Order.desc("text"))))).single().block();
                assertThat(first.getContent()).extracting(Note::getText).startsWith("note 25", "note 24").hasSize(10);
                assertThat(first.getTotalElements()).isEqualTo(25);
                assertThat(first.getTotalPages()).isEqualTo(3);
                assertThat(sql).as("the page, then the count").hasSize(2);
                assertThat(sql.get(1)).containsIgnoringCase("count(");

                sql.clear();
                Page<Note> last = maker.use(session -> paging.page(session, select(Note.class), PageRequest.of(2, 10, Sort.by("text"))))
                        .single().block();
                assertThat(last.getContent()).extracting(Note::getText).containsExactly("note 21", "note 22", "note 23", "note 24", "note 25");
                assertThat(last.getTotalElements()).isEqualTo(25);
                assertThat(sql).as("a short last page tells the total: no count").hasSize(1);

                Slice<Note> middle = maker.use(session -> paging.slice(session, select(Note.class), PageRequest.of(1, 10, Sort.by("id"))))
                        .single().block();
                assertThat(middle.getContent()).hasSize(10);
                assertThat(middle.hasNext()).isTrue();
                Slice<Note> end = maker.use(session -> paging.slice(session, select(Note.class), PageRequest.of(2, 10, Sort.by("id"))))
                        .single().block();
                assertThat(end.getContent()).hasSize(5);
                assertThat(end.hasNext()).isFalse();

                sql.clear();
                Page<Note> all = maker.use(session -> paging.page(session, select(Note.class),
                        Pageable.unpaged(Sort.by(Sort.Order.asc("text").ignoreCase().nullsLast())))).single().block();
                assertThat(all.getTotalElements()).isEqualTo(25);
                assertThat(sql).singleElement().asString().containsIgnoringCase("lower(").doesNotContainIgnoringCase("limit");

                StepVerifier.create(maker.use(session -> paging.page(session, select(Note.class),
                                PageRequest.of(0, 10, Sort.by("text; drop table starter_note")))))
                        .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(ArgumentError.class).hasMessageContaining("text"))
                        .verify();
            } finally {
                engine.begin(conn -> registry.metadata().dropAll(conn, true)).blockLast();
            }
        });
    }
}
