package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.callbacks.Memo;
import io.asyncorm.orm.callbacks.Shelf;
import io.asyncorm.orm.callbacks.Shelf_;
import io.asyncorm.orm.callbacks.Volume;
import io.asyncorm.sql.Sql;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * JPA lifecycle callbacks run at the session's entity events: listener classes, then superclass, then class methods;
 * changes they make before a write are written; an exception stops the flush, which rolls back. And {@code @OrderBy}
 * collections come in their order whatever loads them.
 */
abstract class AbstractLifecycleCallbackIntegrationTests {

    private static final Registry REGISTRY = Registry.of(Memo.class, Shelf.class, Volume.class);

    private AsyncEngine engine;

    private AsyncSessionMaker maker;

    protected abstract String url();

    @BeforeEach
    void setUp() {
        this.engine = AsyncEngine.create(url(), EngineOptions.defaults());
        this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true).then(REGISTRY.metadata().createAll(conn))).blockLast();
        this.maker = AsyncSessionMaker.builder(this.engine, REGISTRY).expireOnCommit(false).build();
    }

    @AfterEach
    void tearDown() {
        this.engine.begin(conn -> REGISTRY.metadata().dropAll(conn, true)).blockLast();
        this.engine.dispose().block();
    }

    @Test
    void callbacksRunAtTheirEventsInJpasOrderAndWhatTheyChangeIsWritten() {
        Memo memo = new Memo(1, "Buy Milk");
        StepVerifier.create(this.maker.begin(session -> {
            session.add(memo);
            return Mono.empty();
        })).verifyComplete();
        assertThat(memo.calls).containsExactly("MemoLog.prePersist", "Audited.prePersist", "Memo.prePersist", "Memo.postPersist");
        assertThat(memo.isLoaded()).as("made here, not loaded").isFalse();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select slug, revision from orm_memo"))))
                .assertNext(result -> assertThat(result.one().values()).containsExactly("buy-milk", 1)).verifyComplete();

        StepVerifier.create(this.maker.begin(session -> session.get(Memo.class, 1).doOnNext(loaded -> {
            assertThat(loaded.isLoaded()).as("@PostLoad").isTrue();
            loaded.setText("Buy oat milk");
        }))).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Memo.class))))
                .assertNext(all -> {
                    assertThat(all).singleElement().satisfies(loaded -> {
                        assertThat(loaded.isLoaded()).isTrue();
                        assertThat(loaded.getRevision()).as("@PreUpdate's change written").isEqualTo(2);
                    });
                }).verifyComplete();

        Memo[] deleted = new Memo[1];
        StepVerifier.create(this.maker.begin(session -> session.get(Memo.class, 1).flatMap(loaded -> {
            deleted[0] = loaded;
            return session.delete(loaded);
        }))).verifyComplete();
        assertThat(deleted[0].calls).containsExactly("Memo.preRemove", "MemoLog.postRemove");
    }

    @Test
    void aCallbackThatThrowsStopsTheFlushAndNothingIsWritten() {
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new Memo(2, "ok"));
            session.add(new Memo(3, " "));
            return Mono.empty();
        })).verifyErrorMessage("a memo needs text");
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(Sql.text("select count(*) from orm_memo"))))
                .assertNext(count -> assertThat(((Number) count.orElseThrow()).longValue()).isZero()).verifyComplete();
    }

    @Test
    void anOrderByCollectionIsInItsOrderWhateverLoadsIt() {
        StepVerifier.create(this.maker.begin(session -> {
            Shelf shelf = new Shelf(1);
            session.add(shelf);
            session.addAll(java.util.List.of(new Volume(1, "b", shelf), new Volume(2, null, shelf), new Volume(3, "a", shelf),
                    new Volume(4, "b", shelf)));
            return Mono.empty();
        })).verifyComplete();
        java.util.List<Integer> expected = java.util.List.of(3, 4, 1, 2);   // a, b (id 4 before 1), NULL last
        StepVerifier.create(this.maker.use(session -> session.list(select(Shelf.class).options(Orm.selectinload(Shelf_.volumes)))))
                .assertNext(shelves -> assertThat(shelves.get(0).getVolumes()).extracting(Volume::getId).isEqualTo(expected))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.<Shelf>scalars(select(Shelf.class).options(Orm.joinedload(Shelf_.volumes)))
                .map(result -> result.unique().all())))
                .assertNext(shelves -> assertThat(shelves.get(0).getVolumes()).extracting(Volume::getId).isEqualTo(expected))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Shelf.class, 1)
                .flatMap(shelf -> AsyncAttrs.fetch(shelf, Shelf_.volumes))))
                .assertNext(volumes -> assertThat(volumes).extracting(Volume::getId).isEqualTo(expected)).verifyComplete();
    }

    @Entity
    static class Bin {
        @Id
        Integer id;

        @jakarta.persistence.OneToMany
        @jakarta.persistence.JoinColumn(name = "bin_id")
        @jakarta.persistence.OrderBy("nosuch")
        java.util.List<Thing> things;
    }

    @Entity
    static class Thing {
        @Id
        Integer id;

        String label;
    }

    @Test
    void anOrderByOfAnUnknownAttributeIsAMappingError() {
        assertThatThrownBy(() -> Registry.of(Bin.class, Thing.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("Bin.things: @OrderBy names 'nosuch', which Thing does not map; its attributes are [id, label]");
    }

    @Entity
    static class BadCallback {
        @Id
        Integer id;

        @PostLoad
        void loaded(Object unexpected) {
        }
    }

    @Test
    void aCallbackWithParametersIsAMappingError() {
        assertThatThrownBy(() -> Registry.of(BadCallback.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("loaded()").hasMessageContaining("takes no parameters");
    }
}
