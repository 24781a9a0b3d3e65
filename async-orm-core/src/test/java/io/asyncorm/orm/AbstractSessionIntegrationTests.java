package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.noload;
import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.engine.AsyncConnection;
import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.exception.ImplicitIoException;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.Account;
import io.asyncorm.orm.model.Account_;
import io.asyncorm.orm.model.B;
import io.asyncorm.orm.model.Company;
import io.asyncorm.orm.model.Department;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.orm.model.Employee_;
import io.asyncorm.result.AsyncScalarResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The session's lifecycle beyond the acceptance list: expiry on commit (ES-18), refresh, delete cascades
 * and orphans, moving children, merge, rollback, the maker's settings, eager defaults and streaming.
 */
abstract class AbstractSessionIntegrationTests extends OrmIntegrationTestSupport {

    // ---------------------------------------------------------------- ES-18, AS-05(b)

    @Test
    void withExpireOnCommitCollectionsBecomeUnloadedAndFetchReloadsColumns() {
        addThreeAsWithFiveBs().block();
        AsyncSessionMaker expiring = AsyncSessionMaker.builder(this.engine, REGISTRY).build();
        StepVerifier.create(expiring.use(session -> session.list(select(A.class).where(A_.data.eq("a1")).options(Orm.selectinload(A_.bs)))
                .map(as -> as.get(0))
                .flatMap(a1 -> {
                    assertThat(a1.getBs()).hasSize(2);
                    a1.setData("new data");
                    return session.commit().thenReturn(a1);
                })
                .flatMap(a1 -> {
                    assertThatThrownBy(() -> a1.getBs().size()).isInstanceOf(ImplicitIoException.class);
                    this.echo.clear();
                    return AsyncAttrs.fetch(a1, A_.data).doOnNext(data -> assertThat(statements("SELECT")).hasSize(1))
                            .then(AsyncAttrs.fetch(a1, A_.bs)).map(bs -> a1.getData() + " " + bs.size());
                })))
                .expectNext("new data 2").verifyComplete();
    }

    /**
     * The session's side of SQLAlchemy's transaction context manager: after the work inside {@code session.begin(fn)}
     * or {@code beginNested(fn)} commits or rolls back that transaction itself, further work in the block fails with
     * SQLAlchemy's message instead of running in a new transaction rolled back at close (the write lost) or in the
     * outer one (the write kept); the block ends with that one error.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} of a {1} block")
    @org.junit.jupiter.params.provider.CsvSource({"commit, root", "rollback, root", "commit, nested", "rollback, nested"})
    void workAfterTheBlocksTransactionEndedInsideItIsRefused(String end, String level) {
        java.util.function.Function<AsyncSession, Mono<Object>> work = session -> {
            session.add(new Account(2, "inside", 2));
            Mono<Void> ending = level.equals("root") ? (end.equals("commit") ? session.commit() : session.rollback())
                    : session.getNestedTransaction().map(t -> end.equals("commit") ? t.commit() : t.rollback()).orElseThrow();
            return ending.then(Mono.defer(() -> {
                session.add(new Account(3, "after the end", 3));
                return session.flush();
            })).then(Mono.empty());
        };
        Flux<Object> block = level.equals("root") ? this.maker.begin(work)
                : this.maker.begin(session -> {
                    session.add(new Account(1, "outer", 1));
                    return session.flush().thenMany(session.beginNested(work));
                });
        StepVerifier.create(block).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessage("Can't operate on closed transaction inside context manager.  Please complete the context manager "
                        + "before emitting further commands.")
                .hasNoSuppressedExceptions()).verify();
        assertThat(count("orm_account")).as("only a committed root block's first write stays")
                .isEqualTo(end.equals("commit") && level.equals("root") ? 1 : 0);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    // ---------------------------------------------------------------- a session joined to an outer connection

    /** SQLAlchemy's test recipe: an outer transaction, a session in CREATE_SAVEPOINT mode that commits and rolls back freely. */
    @Test
    void theSavepointPerTestRecipeLeavesTheTablesAsTheyWere() {
        AsyncConnection conn = this.engine.connect().block();
        try {
            conn.begin().block();
            AsyncSession session = this.maker.create(b -> b.bind(conn).joinTransactionMode(JoinTransactionMode.CREATE_SAVEPOINT));
            session.add(new Account(1, "kept by the test", 1));
            session.commit().block();
            session.add(new Account(2, "rolled back by the test", 2));
            session.flush().then(session.rollback()).block();
            session.add(new Account(3, "kept by the test too", 3));
            session.commit().block();
            assertThat(session.connection().block()).as("the session runs on the outer connection").isSameAs(conn);
            session.close().block();

            assertThat(conn.inTransaction()).as("the outer transaction is still open").isTrue();
            StepVerifier.create(conn.<Number>scalar(io.asyncorm.sql.Sql.text("select count(*) from orm_account")))
                    .expectNextMatches(n -> n.orElseThrow().longValue() == 2).verifyComplete();
            conn.rollback().block();
        } finally {
            conn.close().block();
        }
        assertThat(count("orm_account")).isZero();
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    /** What commit and rollback of a joined session do to the outer transaction, per mode. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            "CREATE_SAVEPOINT, true, true, 0", "ROLLBACK_ONLY, true, false, 0",
            "CONTROL_FULLY, false, false, 1", "CONSERVATIVE_SAVEPOINT, true, false, 0"})
    void aJoinedSessionActsOnTheOuterTransactionAsItsModeSays(JoinTransactionMode mode, boolean outerOpenAfterCommit,
            boolean outerOpenAfterRollback, long rowsAfterOuterRollback) {
        AsyncConnection conn = this.engine.connect().block();
        try {
            conn.begin().block();
            AsyncSession session = this.maker.create(b -> b.bind(conn).joinTransactionMode(mode));
            session.add(new Account(1, "one", 1));
            session.commit().block();
            assertThat(conn.inTransaction()).as("outer open after the session's commit").isEqualTo(outerOpenAfterCommit);
            session.add(new Account(2, "two", 2));
            session.flush().then(session.rollback()).block();
            assertThat(conn.inTransaction()).as("outer open after the session's rollback")
                    .isEqualTo(outerOpenAfterCommit && outerOpenAfterRollback);
            session.close().block();
            conn.rollback().block();
        } finally {
            conn.close().block();
        }
        assertThat(count("orm_account")).isEqualTo(rowsAfterOuterRollback);
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void withoutAnOuterTransactionTheJoinedSessionBeginsAndOwnsOne() {
        AsyncConnection conn = this.engine.connect().block();
        try {
            AsyncSession session = this.maker.create(b -> b.bind(conn).joinTransactionMode(JoinTransactionMode.ROLLBACK_ONLY));
            session.add(new Account(1, "one", 1));
            session.commit().block();
            assertThat(conn.inTransaction()).isFalse();
            session.add(new Account(2, "two", 2));
            session.flush().block();
            assertThat(conn.inTransaction()).isTrue();
            session.close().block();
            assertThat(conn.inTransaction()).as("close rolled back the transaction the session began").isFalse();
            assertThat(conn.isClosed()).as("but the connection is the caller's").isFalse();
        } finally {
            conn.close().block();
        }
        assertThat(count("orm_account")).isEqualTo(1);
    }

    @Test
    void closingAControllingSessionRollsTheOuterTransactionBackAndARollbackOnlyOneLeavesIt() {
        AsyncConnection conn = this.engine.connect().block();
        try {
            conn.begin().block();
            AsyncSession controlling = this.maker.create(b -> b.bind(conn).joinTransactionMode(JoinTransactionMode.CONTROL_FULLY));
            controlling.add(new Account(1, "one", 1));
            controlling.flush().then(controlling.close()).block();
            assertThat(conn.inTransaction()).isFalse();

            conn.begin().block();
            AsyncSession rollbackOnly = this.maker.create(b -> b.bind(conn).joinTransactionMode(JoinTransactionMode.ROLLBACK_ONLY));
            rollbackOnly.add(new Account(2, "two", 2));
            rollbackOnly.flush().then(rollbackOnly.close()).block();
            assertThat(conn.inTransaction()).isTrue();
            conn.commit().block();
        } finally {
            conn.close().block();
        }
        assertThat(count("orm_account")).isEqualTo(1);
    }

    /**
     * SQLAlchemy's "famous lazy loader gotcha": a collection never assigned on a new object is not loaded after the
     * flush, so rows that reference the object are found by an explicit fetch (one SELECT), and reading it without one
     * is the implicit-I/O error, not a silently empty list. While the object is pending the fetch is empty, no SQL.
     */
    @Test
    void aCollectionNeverAssignedOnANewObjectStaysUnloadedAfterTheFlush() {
        A a1 = new A("a1", List.of());
        a1.setBs(null);
        AsyncSession session = this.maker.create();
        try {
            session.add(a1);
            this.echo.clear();
            StepVerifier.create(session.<List<B>>fetch(a1, "bs")).assertNext(bs -> assertThat(bs).isEmpty()).verifyComplete();
            assertThat(statements("SELECT")).as("pending: nothing to load").isEmpty();

            a1.setBs(null);
            session.expunge(a1);
            session.add(a1);
            session.flush().block();
            io.asyncorm.sql.Table ormB = REGISTRY.metadata().table("orm_b").orElseThrow();
            session.execute(io.asyncorm.sql.Sql.insert(ormB).values(Map.of("a_id", a1.getId(), "data", "b1"))).block();
            assertThatThrownBy(() -> a1.getBs().size()).isInstanceOf(ImplicitIoException.class);
            this.echo.clear();
            StepVerifier.create(AsyncAttrs.fetch(a1, A_.bs)).assertNext(bs -> assertThat(bs).extracting(B::getData).containsExactly("b1"))
                    .verifyComplete();
            assertThat(statements("SELECT")).hasSize(1);
        } finally {
            session.close().block();
        }
    }

    /** populate-existing reaches eager loads: a loaded collection is loaded again, with rows added since. */
    @org.junit.jupiter.params.ParameterizedTest(name = "populateExisting {0}")
    @org.junit.jupiter.params.provider.CsvSource({"false, 2", "true, 3"})
    void populateExistingReloadsCollectionsThatAreAlreadyLoaded(boolean populateExisting, int expected) {
        addThreeAsWithFiveBs().block();
        io.asyncorm.sql.Table ormB = REGISTRY.metadata().table("orm_b").orElseThrow();
        StepVerifier.create(this.maker.use(session -> session.list(select(A.class).where(A_.data.eq("a1")).options(Orm.selectinload(A_.bs)))
                .map(as -> as.get(0))
                .flatMap(a1 -> session.execute(io.asyncorm.sql.Sql.insert(ormB).values(Map.of("a_id", a1.getId(), "data", "new b")))
                        .then(session.list(populateExisting
                                ? select(A.class).where(A_.data.eq("a1")).options(Orm.selectinload(A_.bs)).populateExisting()
                                : select(A.class).where(A_.data.eq("a1")).options(Orm.selectinload(A_.bs))))
                        .map(again -> again.get(0).getBs().size()))))
                .expectNext(expected).verifyComplete();
    }

    /** SQLAlchemy's get(..., options=, populate_existing=, with_for_update=), and when the identity map answers alone. */
    @Test
    void getTakesLoaderOptionsPopulateExistingAndALock() {
        addThreeAsWithFiveBs().block();
        io.asyncorm.sql.Table ormA = REGISTRY.metadata().table("orm_a").orElseThrow();
        AsyncSession session = this.maker.create();
        try {
            this.echo.clear();
            A a1 = session.get(A.class, 1, load -> load.options(Orm.selectinload(A_.bs))).block();
            assertThat(a1.getBs()).as("loaded by the option").hasSize(2);
            assertThat(statements("SELECT")).hasSize(2);

            session.execute(io.asyncorm.sql.Sql.update(ormA).values(Map.of("data", "changed in the database"))
                    .where(ormA.<Integer>c("id").eq(1))).block();
            this.echo.clear();
            assertThat(session.get(A.class, 1, load -> load.options(Orm.selectinload(A_.bs))).block()).isSameAs(a1);
            assertThat(statements("SELECT")).as("in the identity map: no SQL").isEmpty();
            assertThat(a1.getData()).isEqualTo("a1");

            assertThat(session.get(A.class, 1, EntitySelect::populateExisting).block()).isSameAs(a1);
            assertThat(a1.getData()).as("populate-existing overwrote it").isEqualTo("changed in the database");

            this.echo.clear();
            assertThat(session.get(A.class, 1, load -> load.forUpdate(io.asyncorm.sql.Select.Lock.WAIT)).block()).isSameAs(a1);
            assertThat(statements("SELECT")).singleElement().asString().containsIgnoringCase("FOR UPDATE");
        } finally {
            session.close().block();
        }
    }

    /**
     * Replacing a one-to-one child whose row holds the unique key: the UPDATE that takes the key from the old row runs
     * before the INSERT of the new one (SQLAlchemy's unit of work emits a table's UPDATEs before its INSERTs), with
     * the old side nulled explicitly or only the parent's side set.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"both sides set", "the parent's side set"})
    void replacingAOneToOneChildMovesItsUniqueKeyBeforeTheInsert(String sides) {
        Registry registry = Registry.of(io.asyncorm.orm.model.Person.class, io.asyncorm.orm.model.Passport.class);
        this.engine.begin(conn -> registry.metadata().dropAll(conn, true).then(registry.metadata().createAll(conn))).blockLast();
        try {
            AsyncSessionMaker people = AsyncSessionMaker.builder(this.engine, registry).expireOnCommit(false).build();
            people.begin(session -> {
                io.asyncorm.orm.model.Person person = new io.asyncorm.orm.model.Person(1, "p");
                io.asyncorm.orm.model.Passport old = new io.asyncorm.orm.model.Passport(10, "old", person);
                person.setPassport(old);
                session.addAll(List.of(person, old));
                return Mono.empty();
            }).blockLast();
            this.echo.clear();
            StepVerifier.create(people.begin(session -> session.get(io.asyncorm.orm.model.Person.class, 1).flatMap(person -> {
                io.asyncorm.orm.model.Passport old = person.getPassport();
                io.asyncorm.orm.model.Passport replacement = new io.asyncorm.orm.model.Passport(11, "new", person);
                if (sides.equals("both sides set")) {
                    old.setPerson(null);
                }
                person.setPassport(replacement);
                session.add(replacement);
                return session.flush();
            }))).verifyComplete();
            List<String> writes = this.echo.statements().stream().filter(sql -> sql.startsWith("UPDATE") || sql.startsWith("INSERT")).toList();
            assertThat(writes).hasSize(2);
            assertThat(writes.get(0)).startsWith("UPDATE orm_passport");
            assertThat(writes.get(1)).startsWith("INSERT INTO orm_passport");
            StepVerifier.create(people.use(session -> session.get(io.asyncorm.orm.model.Person.class, 1)
                    .map(person -> person.getPassport().getId()))).expectNext(11).verifyComplete();
        } finally {
            this.engine.begin(conn -> registry.metadata().dropAll(conn, true)).blockLast();
        }
    }

    /** SQLAlchemy's merge(obj, load=False): no SELECT, the object's state taken as the row's, nothing to UPDATE after. */
    @Test
    void mergeWithoutLoadTrustsTheObjectAndSendsNoSql() {
        this.maker.begin(session -> {
            session.add(new Account(7, "ann", 10));
            return Mono.empty();
        }).blockLast();
        Account detached = this.maker.use(session -> session.get(Account.class, 7)).single().block();
        Account copy = this.maker.use(other -> other.get(Account.class, 7)).single().block();
        copy.setBalance(99);
        AsyncSession session = this.maker.create();
        try {
            this.echo.clear();
            Account merged = session.merge(detached, false).block();
            assertThat(merged).isNotSameAs(detached);
            assertThat(merged.getBalance()).isEqualTo(10);
            assertThat(session.contains(merged)).isTrue();
            assertThat(session.isModified(merged)).as("taken as the row: nothing to write").isFalse();
            assertThat(session.merge(copy, false).block()).as("the session's object, overwritten").isSameAs(merged);
            assertThat(merged.getBalance()).isEqualTo(99);
            session.commit().block();
            assertThat(this.echo.statements()).as("no SELECT and no UPDATE").noneMatch(sql -> sql.startsWith("SELECT")
                    || sql.startsWith("UPDATE"));
            StepVerifier.create(session.merge(new A("never persisted", List.of()), false))
                    .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                            .hasMessageContaining("does not support transient")).verify();
        } finally {
            session.close().block();
        }
    }

    /** SQLAlchemy refuses merge(obj, load=False) of a dirty object; here, as far as an open session holds its snapshot. */
    @Test
    void mergeWithoutLoadRefusesAnObjectWithChangesItsSessionHasNotFlushed() {
        this.maker.begin(session -> {
            session.add(new Account(8, "bea", 10));
            return Mono.empty();
        }).blockLast();
        AsyncSession holder = this.maker.create();
        AsyncSession target = this.maker.create();
        try {
            Account held = holder.get(Account.class, 8).block();
            held.setBalance(50);
            this.echo.clear();
            StepVerifier.create(target.merge(held, false)).expectErrorSatisfies(error -> assertThat(error)
                    .isInstanceOf(InvalidRequestError.class).hasMessageContaining("dirty").hasMessageContaining("Flush that session"))
                    .verify();
            assertThat(this.echo.statements()).as("refused before any SQL").isEmpty();
            holder.flush().block();
            Account merged = target.merge(held, false).block();
            assertThat(merged.getBalance()).isEqualTo(50);
            assertThat(target.isModified(merged)).isFalse();
        } finally {
            holder.close().then(target.close()).block();
        }
    }

    /** SQLAlchemy's refresh(obj, with_for_update=True): the reload locks the row until the session's transaction ends. */
    @Test
    void refreshWithALockReloadsTheRowAndHoldsItsLock() {
        this.maker.begin(session -> {
            session.add(new Account(1, "ann", 10));
            return Mono.empty();
        }).blockLast();
        AsyncSession session = this.maker.create();
        Account ann = session.get(Account.class, 1).block();
        this.engine.begin(conn -> conn.execute(io.asyncorm.sql.Sql.text("update orm_account set balance = 99 where id = 1"))).blockLast();
        this.echo.clear();
        StepVerifier.create(session.refresh(ann, io.asyncorm.sql.Select.Lock.WAIT)).verifyComplete();
        assertThat(ann.getBalance()).isEqualTo(99);
        assertThat(statements("SELECT")).singleElement().satisfies(select -> assertThat(select).contains("FOR UPDATE"));
        if (!this.engine.dialect().name().equals("h2")) {
            StepVerifier.create(this.engine.connect(conn -> conn.execute(io.asyncorm.sql.Sql.text(
                    "select id from orm_account where id = 1 for update nowait")))).as("locked by the session's transaction")
                    .verifyError();
        }
        StepVerifier.create(session.rollback().then(this.engine.connect(conn -> conn.execute(io.asyncorm.sql.Sql.text(
                "select id from orm_account where id = 1 for update nowait"))).then())).as("released at its end").verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void refreshReloadsColumnsAndLoadsANamedRelationship() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.use(session -> session.list(select(A.class).where(A_.data.eq("a3")))
                .map(as -> as.get(0))
                .flatMap(a3 -> this.engine.begin(conn -> conn.execute(io.asyncorm.sql.Sql.update(REGISTRY.mapper(A.class).table())
                                .set(A_.data.column(), "changed elsewhere").where(A_.id.eq(a3.getId()))))
                        // A new transaction sees the change under any isolation level (MariaDB defaults to REPEATABLE READ).
                        .then(session.commit()).then(Mono.just(a3)))
                .flatMap(a3 -> session.refresh(a3, "data", "bs").thenReturn(a3))
                .map(a3 -> a3.getData() + " " + a3.getBs().size())))
                .expectNext("changed elsewhere 2").verifyComplete();
    }

    // ---------------------------------------------------------------- delete cascades, orphans, moving children

    @Test
    void deletingAParentWithAnUnloadedCascadingCollectionDeletesItsChildren() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.begin(session -> session.list(select(A.class).where(A_.data.eq("a1")))
                .flatMap(as -> session.delete(as.get(0))))).verifyComplete();
        assertThat(count("orm_a")).isEqualTo(2);
        assertThat(count("orm_b")).isEqualTo(3);
    }

    @Test
    void removingFromAnOrphanRemovalCollectionDeletesTheChildAndMovingAChildUpdatesItsForeignKey() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.begin(session -> session.list(select(A.class).orderBy(A_.id.asc()).options(Orm.selectinload(A_.bs)))
                .doOnNext(as -> {
                    A a1 = as.get(0);
                    A a2 = as.get(1);
                    a1.getBs().remove(0);
                    B moved = a1.getBs().remove(0);
                    a2.getBs().add(moved);
                })))
                .expectNextCount(1).verifyComplete();
        assertThat(count("orm_b")).isEqualTo(4);
        Map<String, Integer> sizes = new java.util.TreeMap<>();
        this.maker.use(session -> session.list(select(A.class).options(Orm.selectinload(A_.bs))))
                .single().block().forEach(a -> sizes.put(a.getData(), a.getBs().size()));
        assertThat(sizes).containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of("a1", 0, "a2", 2, "a3", 2)));
    }

    @Test
    void nothingChangedMeansNoStatementAtCommit() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.use(session -> session.list(select(A.class).options(Orm.selectinload(A_.bs)))
                .doOnNext(as -> this.echo.clear())
                .then(session.commit()))).verifyComplete();
        // On PostgreSQL the reads ran before a BEGIN that the unit never needed, so there is nothing to commit.
        assertThat(this.echo.statements()).isEqualTo(deferredBegin() ? List.of() : List.of("COMMIT"));
    }

    // ---------------------------------------------------------------- merge, rollback

    @Test
    void mergeCopiesADetachedObjectOntoThePersistentOne() {
        Account detached = committedThenDetached(new Account(7, "ann", 10));
        detached.setBalance(99);
        StepVerifier.create(this.maker.begin(session -> session.merge(detached).doOnNext(merged -> {
            assertThat(merged).isNotSameAs(detached);
            assertThat(merged.getBalance()).isEqualTo(99);
            assertThat(session.dirty()).containsExactly(merged);
        }))).expectNextCount(1).verifyComplete();
        assertThat(this.maker.use(session -> session.get(Account.class, 7)).single().block().getBalance()).isEqualTo(99);
    }

    @Test
    void addingADetachedObjectMakesItPendingUnlikeSqlAlchemySoMergeIsTheWayBack() {
        // A plain Java object carries no state once its session closed (docs/seed-api.md): add() cannot tell it from a
        // new object with an assigned key, so its flush is an INSERT that the row's key refuses; nothing is written.
        Account detached = committedThenDetached(new Account(8, "dee", 10));
        detached.setBalance(50);
        StepVerifier.create(this.maker.begin(session -> {
            session.add(detached);
            assertThat(session.newObjects()).containsExactly(detached);
            return session.flush();
        })).verifyError(IntegrityError.class);
        assertThat(this.maker.use(session -> session.get(Account.class, 8)).single().block().getBalance()).isEqualTo(10);
        assertThat(count("orm_account")).isEqualTo(1);
    }

    /** Commits an account, then loads it in a session that closes: the object returned is detached. */
    private Account committedThenDetached(Account account) {
        this.maker.begin(session -> {
            session.add(account);
            return Mono.empty();
        }).blockLast();
        return this.maker.use(session -> session.get(Account.class, account.getId())).single().block();
    }

    @Test
    void rollbackMakesAddedObjectsTransientAndKeepsLoadedOnes() {
        this.maker.begin(session -> {
            session.add(new Account(1, "ann", 10));
            return Mono.empty();
        }).blockLast();
        AsyncSession session = this.maker.create();
        Account added = new Account(2, "bob", 20);
        StepVerifier.create(session.get(Account.class, 1).doOnNext(ann -> {
            ann.setBalance(11);
            session.add(added);
        }).flatMap(ann -> session.flush().then(session.rollback()).thenReturn(ann)).doOnNext(ann -> {
            assertThat(session.contains(added)).isFalse();
            assertThat(session.contains(ann)).isTrue();
        }).then(session.close())).verifyComplete();
        assertThat(count("orm_account")).isEqualTo(1);
    }

    @Test
    void beginTwiceIsAnErrorAndMakerSettingsApplyToLaterSessionsOnly() {
        AsyncSession session = this.maker.create();
        StepVerifier.create(session.begin().then(session.begin())).verifyErrorSatisfies(error -> assertThat(error)
                .isInstanceOf(InvalidRequestError.class).hasMessageContaining("A transaction is already begun"));
        StepVerifier.create(session.close()).verifyComplete();
        AsyncSessionMaker configurable = AsyncSessionMaker.builder(this.engine, REGISTRY).info(Map.of("a", 1)).build();
        AsyncSession before = configurable.create();
        configurable.configure(builder -> builder.autoflush(false).info(Map.of("b", 2)));
        AsyncSession after = configurable.create();
        assertThat(before.isAutoflush()).isTrue();
        assertThat(before.info()).containsExactly(Map.entry("a", 1));
        assertThat(after.isAutoflush()).isFalse();
        assertThat(after.info()).containsExactly(Map.entry("b", 2));
    }

    @Test
    void objectSessionFindsTheOwningSessionUntilItCloses() {
        AsyncSession session = this.maker.create();
        Account account = new Account(3, "cy", 1);
        session.add(account);
        assertThat(AsyncSession.objectSession(account)).containsSame(session);
        StepVerifier.create(AsyncSession.closeAll()).verifyComplete();
        assertThat(AsyncSession.objectSession(account)).isEmpty();
        assertThat(session.contains(account)).isFalse();
    }

    // ---------------------------------------------------------------- eager defaults, streaming

    @Test
    void eagerReferencesLoadWithTheirOwnerAndLazyOnesArePlaceholdersThatRaise() {
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class).where(Employee_.name.eq("worker")))
                .map(list -> list.get(0))
                .flatMap(worker -> {
                    // department (eager): loaded with the worker, and its company with it
                    assertThat(worker.getDepartment().getCompany().getName()).isEqualTo("acme");
                    assertThat(statements("SELECT")).hasSize(3);
                    // manager (lazy): a placeholder that knows its key and raises on anything else
                    Employee manager = worker.getManager();
                    assertThat(manager.getId()).isNotNull();
                    assertThat(manager.toString()).contains("unloaded");
                    assertThatThrownBy(manager::getName).isInstanceOf(ImplicitIoException.class)
                            .hasMessageContaining("Employee.manager").hasMessageContaining("AsyncAttrs.fetch");
                    assertThat(session.dirty()).isEmpty();
                    return AsyncAttrs.fetch(worker, Employee_.manager);
                })
                .map(Employee::getName)))
                .expectNext("boss").verifyComplete();
        // The boss's department is the worker's, already in the identity map: one more SELECT only.
        assertThat(statements("SELECT")).hasSize(4);
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class))
                .map(all -> all.stream().filter(e -> e.getName().equals("worker")).findFirst().orElseThrow().getManager().getName())))
                .expectNext("boss").verifyComplete();
        // Both employees in one query: the manager comes from the identity map, no placeholder.
        assertThat(statements("SELECT")).hasSize(3);
    }

    @Test
    void nestedSelectinLoadsOneLevelPerStatement() {
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.list(select(Company.class).options(
                        Orm.selectinload(io.asyncorm.orm.model.Company_.departments).selectinload(io.asyncorm.orm.model.Department_.employees)))
                .map(companies -> companies.get(0).getDepartments().get(0).getEmployees().stream()
                        .map(e -> e.getName() + (e.getManager() == null ? "" : ">" + e.getManager().getName())).sorted().toList())))
                .expectNext(List.of("boss", "worker>boss")).verifyComplete();
        assertThat(statements("SELECT")).hasSize(3);
    }

    @Test
    void selectinLoadedChildrenReferToTheirOwnerUnlessTheQueryLeavesThatReferenceUnloaded() {
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.list(select(Department.class)
                        .options(Orm.selectinload(io.asyncorm.orm.model.Department_.employees)))
                .map(departments -> departments.get(0).getEmployees().stream().map(e -> e.getDepartment() == departments.get(0)).toList())))
                .expectNext(List.of(true, true)).verifyComplete();
        // noload(Employee.department) under the collection: the children's reference stays empty, not set from the batch.
        StepVerifier.create(this.maker.use(session -> session.list(select(Department.class)
                        .options(Orm.selectinload(io.asyncorm.orm.model.Department_.employees).noload(Employee_.department)))
                .map(departments -> departments.get(0).getEmployees().stream().map(e -> e.getDepartment() == null).toList())))
                .expectNext(List.of(true, true)).verifyComplete();
    }

    @Test
    void changingALazyReferenceWithoutLoadingItWritesTheNewForeignKey() {
        addWorkerAndBoss();
        this.maker.begin(session -> session.list(select(Department.class)).doOnNext(departments ->
                session.add(new Employee("other boss", departments.get(0), null)))).blockLast();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Employee.class).where(Employee_.name.eq("worker")))
                .zipWhen(workers -> session.list(select(Employee.class).where(Employee_.name.eq("other boss"))))
                .doOnNext(pair -> pair.getT1().get(0).setManager(pair.getT2().get(0)))))
                .expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class))
                .map(all -> all.stream().filter(e -> e.getName().equals("worker")).findFirst().orElseThrow().getManager().getName())))
                .expectNext("other boss").verifyComplete();
    }

    @Test
    void streamingEntitiesWithAndWithoutTheirEagerRelationships() {
        this.maker.begin(session -> {
            for (int i = 0; i < 250; i++) {
                session.add(new Account(i, "owner" + i, i));
            }
            return Mono.empty();
        }).blockLast();
        StepVerifier.create(this.maker.use(session -> session.<Account>streamScalars(select(Account.class).orderBy(Account_.id.asc()))
                .flatMapMany(AsyncScalarResult::rows).map(Account::getBalance).reduce(0L, Long::sum)))
                .expectNext(250L * 249 / 2).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.stream(select(Employee.class)).flatMapMany(r -> r.rows()))).as(
                "an eager default (Employee.department) no longer keeps an entity from streaming").verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.stream(select(Employee.class)
                .options(noload(Employee_.department), noload(Employee_.manager))).flatMapMany(r -> r.rows()))).verifyComplete();
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.<Employee>streamScalars(select(Employee.class)
                        .options(Orm.lazyload(Employee_.department)))
                .flatMapMany(result -> result.rows())
                .map(employee -> employee.getDepartment().getId() != null)
                .all(known -> known)))
                .expectNext(true).verifyComplete();
    }

    /**
     * SQLAlchemy streams with eager loads: here each batch of yieldPer rows has its relationships loaded (one IN query
     * per batch) before its objects are emitted; on PostgreSQL the rows come from a SQL cursor read with FETCH, so the
     * IN query runs on the same connection between two batches.
     */
    @Test
    void streamingWithSelectinLoadsTheRelationshipsOfEachBatch() {
        this.maker.begin(session -> {
            for (int i = 0; i < 250; i++) {
                session.add(new A("a" + i, List.of(new B("b" + i + "x"), new B("b" + i + "y"))));
            }
            return Mono.empty();
        }).blockLast();
        this.echo.clear();
        io.asyncorm.engine.ExecutionOptions yield100 = io.asyncorm.engine.ExecutionOptions.builder().yieldPer(100).build();
        List<Long> inQueriesAtFirstObject = new java.util.concurrent.CopyOnWriteArrayList<>();
        StepVerifier.create(this.maker.use(session -> session.<A>streamScalars(select(A.class).orderBy(A_.id.asc())
                        .options(Orm.selectinload(A_.bs)).executionOptions(yield100))
                .flatMapMany(AsyncScalarResult::rows)
                .doOnNext(a -> {
                    if (inQueriesAtFirstObject.isEmpty()) {
                        inQueriesAtFirstObject.add(this.echo.statements().stream().filter(sql -> sql.contains("FROM orm_b")).count());
                    }
                })
                .map(a -> a.getBs().size())
                .reduce(List.of(0, 0), (totals, bs) -> List.of(totals.get(0) + 1, totals.get(1) + bs))))
                .expectNext(List.of(250, 500)).verifyComplete();
        // Memory holds one batch: the first object arrives after its batch's IN query, before the next batch is read.
        // Except on MariaDB, whose driver carries one result at a time and has no fetch size: the rows are read first
        // there, and all parents loaded with one IN query.
        boolean batched = !this.engine.dialect().name().equals("mariadb");
        assertThat(inQueriesAtFirstObject).containsExactly(1L);
        assertThat(this.echo.statements()).filteredOn(sql -> sql.contains("FROM orm_b")).hasSize(batched ? 3 : 1);
        if (this.engine.dialect().name().equals("postgresql")) {
            assertThat(statements("FETCH")).hasSize(3);
            assertThat(this.echo.statements()).filteredOn(sql -> sql.startsWith("SELECT") && sql.contains("FROM orm_b")).hasSize(3);
            assertThat(this.echo.statements()).filteredOn(sql -> sql.startsWith("DECLARE")).hasSize(1);
        }
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    /**
     * A JOINED many-to-one is streamed in batches too (each row holds its whole parent); a JOINED collection may span two
     * batches, so with yieldPer it is refused, as SQLAlchemy refuses it.
     */
    @Test
    void streamingWithJoinedLoadsReadsBatchesAndRefusesAJoinedCollectionWithYieldPer() {
        addWorkerAndBoss();
        io.asyncorm.engine.ExecutionOptions yield1 = io.asyncorm.engine.ExecutionOptions.builder().yieldPer(1).build();
        StepVerifier.create(this.maker.use(session -> session.<Employee>streamScalars(select(Employee.class).orderBy(Employee_.name.asc())
                        .options(Orm.joinedload(Employee_.department), noload(Employee_.manager)).executionOptions(yield1))
                .flatMapMany(AsyncScalarResult::rows)
                .map(employee -> employee.getName() + "@" + employee.getDepartment().getName())
                .collectList()))
                .expectNext(List.of("boss@sales", "worker@sales")).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(sql -> sql.contains("FROM orm_department")).isEmpty();
        if (this.engine.dialect().supportsDeclaredCursors()) {
            assertThat(statements("FETCH")).hasSize(3);
        }
        StepVerifier.create(this.maker.use(session -> session.stream(select(A.class).options(Orm.joinedload(A_.bs))
                        .executionOptions(yield1))))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(io.asyncorm.exception.InvalidRequestError.class)
                        .hasMessageContaining("yieldPer is not compatible with joined eager loading of a collection"));
        assertThat(this.engine.poolStatus().acquired()).isZero();
    }

    @Test
    void embeddedObjectsMapToColumnsOfTheOwnersRow() {
        io.asyncorm.orm.model.Customer ann = new io.asyncorm.orm.model.Customer("ann",
                new io.asyncorm.orm.model.Address("1 Main St", "Springfield"), null);
        this.maker.begin(session -> {
            session.add(ann);
            return Mono.empty();
        }).blockLast();
        assertThat(REGISTRY.mapper(io.asyncorm.orm.model.Customer.class).table().columns()).extracting(c -> c.name())
                .containsExactly("id", "name", "street", "city", "work_street", "work_city");
        StepVerifier.create(this.maker.begin(session -> session.list(select(io.asyncorm.orm.model.Customer.class)
                        .where(io.asyncorm.orm.model.Customer_.home_city.eq("Springfield")))
                .map(list -> list.get(0))
                .doOnNext(customer -> {
                    assertThat(customer.getWork()).isNull();
                    assertThat(customer.getHome().getStreet()).isEqualTo("1 Main St");
                    customer.getHome().setCity("Shelbyville");
                })))
                .expectNextCount(1).verifyComplete();
        assertThat(this.maker.use(session -> session.get(io.asyncorm.orm.model.Customer.class, ann.getId())).single().block()
                .getHome().getCity()).isEqualTo("Shelbyville");
    }

    @Test
    void changesToManyRowsAreOneUpdatePerSetOfChangedColumnsAndStaleRowsAreDetected() {
        this.maker.begin(session -> {
            for (int i = 1; i <= 5; i++) {
                session.add(new Account(i, "owner" + i, i));
            }
            return Mono.empty();
        }).blockLast();
        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Account.class))
                .doOnNext(accounts -> accounts.forEach(a -> a.setBalance(a.getBalance() * 10))))).expectNextCount(1).verifyComplete();
        assertThat(statements("UPDATE")).hasSize(1);
        if (this.engine.dialect().name().equals("postgresql")) {
            assertThat(statements("UPDATE").get(0)).contains("FROM unnest(");
        }
        assertThat(this.maker.use(session -> session.list(select(Account.class).orderBy(Account_.id.asc()))).single().block())
                .extracting(Account::getBalance, Account::getVersion)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(10L, 2), org.assertj.core.groups.Tuple.tuple(20L, 2),
                        org.assertj.core.groups.Tuple.tuple(30L, 2), org.assertj.core.groups.Tuple.tuple(40L, 2),
                        org.assertj.core.groups.Tuple.tuple(50L, 2));

        AsyncSession stale = this.maker.create();
        List<Account> mine = stale.list(select(Account.class)).block();
        this.engine.begin(conn -> conn.execute(io.asyncorm.sql.Sql.text("update orm_account set version = version + 1 where id = 3")))
                .blockLast();
        mine.forEach(a -> a.setBalance(0));
        StepVerifier.create(stale.commit()).verifyErrorSatisfies(error -> assertThat(error)
                .isInstanceOf(io.asyncorm.exception.StaleDataError.class).hasMessageContaining("expected to update 5 row(s); 4 were matched"));
        StepVerifier.create(stale.rollback().then(stale.close())).verifyComplete();
        assertThat(this.maker.use(session -> session.list(select(Account.class))).single().block())
                .extracting(Account::getBalance).doesNotContain(0L);
    }

    @Test
    void transactionsAutobeginAndTheirHandlesAreStable() {
        AsyncSession session = this.maker.create();
        assertThat(session.getTransaction()).isEmpty();
        AsyncSessionTransaction[] seen = new AsyncSessionTransaction[1];
        StepVerifier.create(session.execute(io.asyncorm.sql.Sql.text("select 1"))
                .then(Mono.fromCallable(() -> {
                    // ES-26: an autobegun transaction is reported (SQLAlchemy 2.0.39 raised here).
                    seen[0] = session.getTransaction().orElseThrow();
                    assertThat(seen[0].isActive()).isTrue();
                    assertThat(seen[0].isNested()).isFalse();
                    assertThat(session.getTransaction()).containsSame(seen[0]);
                    return session.inTransaction();
                }))
                .flatMap(inTransaction -> session.connection().zipWhen(first -> session.connection())
                        .map(pair -> inTransaction && pair.getT1() == pair.getT2()))
                .flatMap(same -> seen[0].commit().thenReturn(same)))
                .expectNext(true).verifyComplete();
        assertThat(seen[0].isActive()).isFalse();
        assertThat(session.inTransaction()).isFalse();
        StepVerifier.create(session.invalidate().then(session.scalar(io.asyncorm.sql.Sql.text("select 2"))))
                .expectNext(Optional.of(2)).verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
    }

    /** The session's objects (SQLAlchemy's iteration), its bind, and reset() leaving it as new and usable. */
    @Test
    void objectsBindAndResetAsSqlAlchemysSessionHasThem() {
        this.maker.begin(session -> {
            session.addAll(List.of(new Account(1, "ann", 10), new Account(2, "bob", 20)));
            return Mono.empty();
        }).blockLast();
        AsyncSession session = this.maker.create();
        assertThat(session.bind()).containsSame(this.engine);
        Account ann = session.get(Account.class, 1).block();
        Account carl = new Account(3, "carl", 30);
        session.add(carl);
        assertThat(session.objects()).containsExactly(carl, ann);
        StepVerifier.create(session.delete(ann).then(Mono.fromCallable(session::objects)))
                .assertNext(objects -> assertThat(objects).as("deleted, not flushed").containsExactlyInAnyOrder(carl, ann))
                .verifyComplete();
        StepVerifier.create(session.reset().then(Mono.fromCallable(session::objects))).assertNext(objects -> assertThat(objects).isEmpty())
                .verifyComplete();
        StepVerifier.create(session.get(Account.class, 1).map(Account::getBalance)).as("usable again, nothing was written")
                .expectNext(10L).verifyComplete();
        StepVerifier.create(session.close()).verifyComplete();
        AsyncScopedSession scoped = AsyncScopedSession.of(this.maker, ScopeFunction.contextValue());
        StepVerifier.create(scoped.inScope(scoped.add(carl).then(scoped.objects()).zipWhen(objects -> scoped.bind()))
                .contextWrite(ScopeFunction.newScope()))
                .assertNext(pair -> {
                    assertThat(pair.getT1()).containsExactly(carl);
                    assertThat(pair.getT2()).containsSame(this.engine);
                }).verifyComplete();
    }

    @Test
    void rollbackPutsFieldsBackSoALaterCommitNeverWritesRolledBackChanges() {
        this.maker.begin(session -> {
            session.addAll(List.of(new Account(1, "ann", 10), new Account(2, "bob", 20)));
            return Mono.empty();
        }).blockLast();
        AsyncSession session = this.maker.create();
        Account ann = session.get(Account.class, 1).block();
        Account bob = session.get(Account.class, 2).block();
        Integer bobsVersion = bob.getVersion();
        ann.setBalance(11);
        bob.setBalance(21);
        StepVerifier.create(session.flush().then(Mono.fromRunnable(() -> ann.setBalance(12))).then(session.rollback())).verifyComplete();

        // Flushed or not, the changes are gone from the objects, as SQLAlchemy's expiry discards them.
        assertThat(ann.getBalance()).isEqualTo(10);
        assertThat(bob.getBalance()).isEqualTo(20);
        assertThat(bob.getVersion()).isEqualTo(bobsVersion);
        assertThat(session.isModified(ann)).isFalse();
        session.add(new Account(3, "cy", 30));
        StepVerifier.create(session.commit()).verifyComplete();
        assertThat(this.engine.connect(conn -> conn.<Number>scalars(io.asyncorm.sql.Sql.text("select balance from orm_account order by id")))
                .single().block().all()).extracting(Number::longValue).containsExactly(10L, 20L, 30L);

        // A change made after the rollback is written, against the version the row really has.
        bob.setBalance(25);
        StepVerifier.create(session.commit()).verifyComplete();
        StepVerifier.create(this.maker.use(other -> other.get(Account.class, 2).map(Account::getBalance))).expectNext(25L).verifyComplete();

        // A savepoint's rollback puts back what changed inside it, and only that.
        ann.setBalance(13);
        StepVerifier.create(session.beginNested(nested -> {
            bob.setBalance(99);
            return nested.flush().then(Mono.error(new IllegalStateException("undo the savepoint")));
        }).onErrorResume(IllegalStateException.class, e -> Mono.empty()).then(session.commit())).verifyComplete();
        assertThat(bob.getBalance()).isEqualTo(25);
        assertThat(this.engine.connect(conn -> conn.<Number>scalars(io.asyncorm.sql.Sql.text("select balance from orm_account order by id")))
                .single().block().all()).extracting(Number::longValue).containsExactly(13L, 25L, 30L);
        StepVerifier.create(session.close()).verifyComplete();
    }

    @Test
    void aCancelledFlushCannotBeCommittedHalfWay() {
        AsyncSession session = this.maker.create();
        for (int i = 0; i < 2000; i++) {
            session.add(new Account(i, "owner" + i, i));
        }
        StepVerifier.create(session.flush()).thenCancel().verify();
        // Either the flush had finished before the cancel arrived (H2 runs synchronously), or the session
        // refuses to commit a partial flush until it is rolled back.
        Long committed = session.commit().thenReturn(2000L)
                .onErrorResume(io.asyncorm.exception.PendingRollbackError.class, e -> session.rollback().thenReturn(0L)).block();
        StepVerifier.create(session.close()).verifyComplete();
        assertThat(count("orm_account")).isEqualTo(committed);
    }

    @Test
    void bindsRouteAnEntityClassToAnotherEngineInTheSameSessionTransaction() {
        AsyncEngine other = AsyncEngine.create(io.asyncorm.testing.TestDatabases.h2());
        try {
            other.begin(conn -> REGISTRY.metadata().createAll(conn)).blockLast();
            AsyncSessionMaker routed = AsyncSessionMaker.builder(this.engine, REGISTRY).binds(Map.of(Account.class, other)).build();
            StepVerifier.create(routed.begin(session -> {
                session.add(new A("stays here", List.of()));
                session.add(new Account(1, "goes there", 1));
                return Mono.empty();
            })).verifyComplete();
            assertThat(count("orm_a")).isEqualTo(1);
            assertThat(count("orm_account")).isZero();
            assertThat(countOn(other, "orm_account")).isEqualTo(1);
            StepVerifier.create(routed.use(session -> session.get(Account.class, 1).map(Account::getOwner))).expectNext("goes there")
                    .verifyComplete();

            // A savepoint covers a connection opened inside it: rolling it back undoes the other engine's work too.
            StepVerifier.create(routed.begin(session -> {
                session.add(new A("outer", List.of()));
                return session.beginNested(inner -> {
                    inner.add(new Account(2, "inner", 2));
                    return inner.flush().then(Mono.error(new IllegalStateException("boom")));
                }).onErrorResume(IllegalStateException.class, e -> Mono.empty());
            })).verifyComplete();
            assertThat(count("orm_a")).isEqualTo(2);
            assertThat(countOn(other, "orm_account")).isEqualTo(1);

            AsyncSession session = routed.create();
            session.add(new A("rolled back", List.of()));
            session.add(new Account(3, "rolled back", 3));
            StepVerifier.create(session.flush().then(session.rollback()).then(session.close())).verifyComplete();
            assertThat(count("orm_a")).isEqualTo(2);
            assertThat(countOn(other, "orm_account")).isEqualTo(1);
        } finally {
            other.dispose().block();
        }
    }

    private static long countOn(AsyncEngine on, String table) {
        return on.connect(conn -> conn.<Number>scalar(io.asyncorm.sql.Sql.text("select count(*) from " + table))).single().block()
                .orElseThrow().longValue();
    }

    @Test
    void queriesAutoflushUnlessTurnedOff() {
        AsyncSession session = this.maker.create();
        session.add(new Account(1, "ann", 1));
        StepVerifier.create(session.noAutoflush(s -> s.list(select(Account.class))).single()).expectNext(List.of()).verifyComplete();
        assertThat(session.newObjects()).hasSize(1);
        StepVerifier.create(session.list(select(Account.class)).map(List::size)).expectNext(1).verifyComplete();
        assertThat(session.newObjects()).isEmpty();
        StepVerifier.create(session.rollback().then(session.close())).verifyComplete();
        assertThat(count("orm_account")).isZero();
    }

    @Test
    void everyValueKindRoundTripsAndColumnFlagsAreHonoured() {
        String hostile = "it's \"quoted\" \u00e9\u4e2d; drop table orm_gadget; --";
        io.asyncorm.orm.model.Gadget gadget = new io.asyncorm.orm.model.Gadget(1, io.asyncorm.orm.model.Gadget.Colour.BLUE,
                List.of("a", "b"), new java.math.BigDecimal("12.345"), java.time.LocalDate.of(2026, 11, 22),
                java.time.LocalDateTime.of(2026, 11, 22, 5, 30, 15), hostile + "x".repeat(5000), new byte[] {0, 1, (byte) 255}, "S-1");
        this.maker.begin(session -> {
            session.add(gadget);
            return Mono.empty();
        }).blockLast();
        StepVerifier.create(this.maker.begin(session -> session.get(io.asyncorm.orm.model.Gadget.class, 1).doOnNext(loaded -> {
            assertThat(loaded.getNamed()).isEqualTo(io.asyncorm.orm.model.Gadget.Colour.BLUE);
            assertThat(loaded.getOrdinal()).isEqualTo(io.asyncorm.orm.model.Gadget.Colour.BLUE);
            assertThat(loaded.getTags()).containsExactly("a", "b");
            assertThat(loaded.getPrice()).isEqualByComparingTo("12.345");
            assertThat(loaded.getMade()).isEqualTo(java.time.LocalDate.of(2026, 11, 22));
            assertThat(loaded.getSeen()).isEqualTo(java.time.LocalDateTime.of(2026, 11, 22, 5, 30, 15));
            assertThat(loaded.getManual()).startsWith(hostile).hasSize(hostile.length() + 5000);
            assertThat(loaded.getBlob()).containsExactly(0, 1, 255);
            assertThat(loaded.isActive()).isTrue();
            assertThat(loaded.getNote()).isNull();
            loaded.setSerial("S-2");
            loaded.setTags(List.of("c"));
        }))).expectNextCount(1).verifyComplete();
        assertThat(this.engine.connect(conn -> conn.execute(io.asyncorm.sql.Sql.text("select named, ordinal, tags, serial from orm_gadget"))
                .map(result -> result.one().values())).single().block())
                .containsExactly("BLUE", 2, "c", "S-1");
    }

    @Test
    void aLongStreamKeepsTheIdentityMapBoundedWhenBatchesAreExpunged() {
        this.maker.begin(session -> {
            for (int i = 0; i < 3000; i++) {
                session.add(new Account(i, "owner" + i, i));
            }
            return Mono.empty();
        }).blockLast();
        int[] largest = {0};
        StepVerifier.create(this.maker.use(session -> session.<Account>streamScalars(select(Account.class))
                .flatMapMany(result -> result.partitions(500))
                .map(batch -> {
                    largest[0] = Math.max(largest[0], session.identityMap().size());
                    session.expungeAll();
                    return batch.size();
                })
                .reduce(0, Integer::sum)))
                .expectNext(3000).verifyComplete();
        assertThat(largest[0]).isLessThanOrEqualTo(1000);
    }

    @Test
    void scalarDistinguishesNoRowFromNull() {
        StepVerifier.create(this.maker.use(session -> session.<Integer>scalar(io.asyncorm.sql.Sql.text("select 1 where 1 = 0"))))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.<Integer>scalar(io.asyncorm.sql.Sql.text("select cast(null as integer)"))))
                .expectNext(Optional.empty()).verifyComplete();
        StepVerifier.create(this.maker.use(session -> Flux.just(1, 2).concatMap(i -> session.<Integer>scalar(
                io.asyncorm.sql.Sql.text("select " + i))))).expectNext(Optional.of(1), Optional.of(2)).verifyComplete();
    }

    protected static List<String> names(List<? extends Account> accounts) {
        return accounts.stream().map(Account::getOwner).toList();
    }
}
