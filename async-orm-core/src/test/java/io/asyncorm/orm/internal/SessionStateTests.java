package io.asyncorm.orm.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.internal.EntityState.Status;
import io.asyncorm.result.Row;
import io.asyncorm.result.RowKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The session's objects without a database: loading registers an object without indexing it by identity (the index
 * catches up at the first lookup by object), and every operation that finds an object by itself sees the objects loaded
 * since, as if they had been indexed at once.
 */
class SessionStateTests {

    static {
        Registry.of(UowAuthor.class, UowBook.class);
    }

    private final SessionState state = new SessionState(NoLoading.INSTANCE, type -> EntityMappings.of(type));

    private final EntityLoader loader = new EntityLoader(this.state);

    @Test
    void objectsLoadedSinceTheLastLookupAreFoundByObjectInMeetingOrder() {
        UowAuthor first = load(1);
        assertThat(this.state.stateOf(first)).isNotNull();
        List<UowAuthor> later = new ArrayList<>();
        for (int id = 2; id <= 200; id++) {
            later.add(load(id));
        }
        assertThat(later).allSatisfy(author -> assertThat(this.state.stateOf(author)).extracting(EntityState::entity).isSameAs(author));
        assertThat(this.state.states()).hasSize(200).first().extracting(EntityState::entity).isSameAs(first);
    }

    @Test
    void aRowWithAKeyTheSessionHoldsGivesItsObjectAndKeepsItsSnapshot() {
        EntityState first = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(1), 0, false);
        Object[] snapshot = first.snapshot();
        EntityState again = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(1), 0, false);
        assertThat(again).isSameAs(first);
        assertThat(again.snapshot()).isSameAs(snapshot);
        assertThat(this.state.states()).singleElement().isSameAs(first);
    }

    @Test
    void roomReservedForManyRowsKeepsTheObjectsLoadedBeforeInTheirOrder() {
        List<UowAuthor> loaded = new ArrayList<>();
        for (int id = 1; id <= 100; id++) {
            loaded.add(load(id));
        }
        // Far more than the map holds: it is copied into one of the size needed, once.
        this.state.reserve(10_000);
        for (int id = 101; id <= 300; id++) {
            loaded.add(load(id));
        }
        assertThat(this.state.identityMap().values()).containsExactlyElementsOf(loaded);
        assertThat(loaded).allSatisfy(author -> assertThat(this.state.stateOf(author)).isNotNull());
        assertThat(load(50)).as("a key loaded before the copy").isSameAs(loaded.get(49));
    }

    @Test
    void addingALoadedObjectKeepsItsStateInsteadOfMakingAPendingOne() {
        UowAuthor author = load(1);
        this.state.add(author);
        assertThat(this.state.states()).singleElement().satisfies(state -> {
            assertThat(state.entity()).isSameAs(author);
            assertThat(state.status()).isEqualTo(Status.PERSISTENT);
        });
    }

    @Test
    void expungingAnObjectNeverLookedUpTakesItOutOfEveryView() {
        UowAuthor kept = load(1);
        UowAuthor gone = load(2);
        this.state.expunge(gone);
        assertThat(this.state.stateOf(gone)).isNull();
        assertThat(this.state.states()).extracting(EntityState::entity).containsExactly(kept);
        assertThatThrownBy(() -> this.state.expunge(gone)).isInstanceOf(InvalidRequestError.class).hasMessageContaining("not present");
        assertThat(load(2)).as("its key loads a new object").isNotSameAs(gone);
    }

    @Test
    void expungeAllDetachesObjectsNeverLookedUp() {
        EntityState first = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(1), 0, false);
        EntityState second = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(2), 0, false);
        this.state.expungeAll();
        assertThat(List.of(first, second)).extracting(EntityState::status).containsOnly(Status.DETACHED);
        assertThat(List.of(first, second)).extracting(EntityState::session).containsOnlyNulls();
        assertThat(this.state.stateOf(first.entity())).isNull();
        assertThat(this.state.states()).isEmpty();
    }

    @Test
    void objectsMetAfterExpungeAllStayInTheSessionAndThoseBeforeStayDetached() {
        EntityState before = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(1), 0, false);
        this.state.expungeAll();
        EntityState after = this.loader.loadState(EntityMappings.of(UowAuthor.class), row(1), 0, false);
        assertThat(after).as("the key loads a new object").isNotSameAs(before);
        assertThat(after.status()).isEqualTo(Status.PERSISTENT);
        assertThat(after.session()).isSameAs(NoLoading.INSTANCE);
        assertThat(before.status()).isEqualTo(Status.DETACHED);
        assertThat(before.session()).isNull();
        this.state.expungeAll();
        assertThat(after.status()).isEqualTo(Status.DETACHED);
        assertThat(this.state.states()).isEmpty();
    }

    @Test
    void aStreamThatExpungesEachObjectKeepsNoneOfThem() {
        for (int id = 1; id <= 1_000; id++) {
            this.state.expunge(load(id));
        }
        UowAuthor last = load(1_001);
        assertThat(this.state.states()).extracting(EntityState::entity).containsExactly(last);
        assertThat(this.state.stateOf(last)).isNotNull();
    }

    @Test
    void aStreamThatLooksUpAndExpungesEachObjectItIsHandedNeverIndexesOne() {
        for (int id = 1; id <= 1_000; id++) {
            UowAuthor author = load(id);
            assertThat(this.state.stateOf(author)).extracting(EntityState::entity).isSameAs(author);
            this.state.expunge(author);
            assertThat(this.state.stateOf(author)).isNull();
            // Found as the oldest state not indexed, by reference: never hashed into the index; the states that left are
            // dropped as they pile up.
            assertThat(this.state.bookkeeping()[0]).isZero();
            assertThat(this.state.bookkeeping()[1]).isLessThan(130);
        }
        assertThat(this.state.states()).isEmpty();
    }

    @Test
    void batchesExpungedInTheOrderTheyWereLoadedNeverEnterTheIndex() {
        for (int batch = 0; batch < 5; batch++) {
            List<UowAuthor> loaded = new ArrayList<>();
            for (int id = 1; id <= 1_000; id++) {
                loaded.add(load(batch * 1_000 + id));
            }
            for (UowAuthor author : loaded) {
                assertThat(this.state.stateOf(author)).isNotNull();
                this.state.expunge(author);
            }
            assertThat(this.state.bookkeeping()[0]).isZero();
        }
        assertThat(this.state.states()).isEmpty();
        assertThat(this.state.bookkeeping()[1]).isLessThan(1_100);
    }

    @Test
    void objectsLookedUpOutOfOrderAreFoundAndExpungedThroughTheIndex() {
        List<UowAuthor> loaded = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            loaded.add(load(id));
        }
        this.state.expunge(loaded.get(5));
        assertThat(this.state.bookkeeping()[0]).as("the index caught up").isEqualTo(19);
        this.state.expunge(loaded.get(0));
        this.state.expunge(loaded.get(19));
        List<UowAuthor> left = new ArrayList<>(loaded);
        left.removeAll(List.of(loaded.get(0), loaded.get(5), loaded.get(19)));
        assertThat(this.state.states()).extracting(EntityState::entity).containsExactlyElementsOf(left);
        assertThat(loaded.subList(0, 1)).allSatisfy(author -> assertThat(this.state.stateOf(author)).isNull());
        UowAuthor newest = load(21);
        this.state.expunge(newest);
        assertThat(this.state.stateOf(newest)).isNull();
        assertThatThrownBy(() -> this.state.expunge(newest)).isInstanceOf(InvalidRequestError.class).hasMessageContaining("not present");
        assertThat(left).allSatisfy(author -> assertThat(this.state.stateOf(author)).isNotNull());
        assertThat(this.state.states()).extracting(EntityState::entity).containsExactlyElementsOf(left);
    }

    private UowAuthor load(int id) {
        return (UowAuthor) this.loader.entity(EntityMappings.of(UowAuthor.class), row(id), 0, false);
    }

    private static Row row(int id) {
        List<String> names = new ArrayList<>();
        EntityMappings.of(UowAuthor.class).columns().forEach(column -> names.add(column.column().name()));
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = switch (names.get(i)) {
                case "id" -> id;
                case "name" -> "author " + id;
                default -> 1;
            };
        }
        return new Row(RowKeys.of(names), values);
    }
}
