package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.ProgrammingError;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.B;
import io.asyncorm.sql.Sql;
import io.asyncorm.sql.Table;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Engine, maker and session events (AS-07, P14): order, listeners that run statements in the session's
 * transaction, per-object lifecycle events, and errors.
 */
abstract class AbstractEventIntegrationTests extends OrmIntegrationTestSupport {

    private final List<String> printed = new CopyOnWriteArrayList<>();

    private static Table ormB() {
        return REGISTRY.metadata().table("orm_b").orElseThrow();
    }

    private Mono<Void> print(String line) {
        return Mono.fromRunnable(() -> this.printed.add(line));
    }

    @Test
    void theSeedsEventsExamplePrintsItsLinesInOrder() {
        // AS-07, with the order observed in SQLAlchemy 2.0.39 (the doc omits the second "before execute!").
        AsyncEngine engine = AsyncEngine.create(url(), EngineOptions.defaults());
        try {
            engine.events().onConnect(connection -> print("New DBAPI connection: " + connection.getClass().getSimpleName())
                    .then(Flux.from(connection.createStatement("select 'execute from event'").execute())
                            .flatMap(result -> result.map((row, meta) -> String.valueOf(row.get(0))))
                            .concatMap(this::print).then()));
            engine.events().beforeExecute(context -> print("before execute!"));
            AsyncSessionMaker sessions = AsyncSessionMaker.builder(engine, REGISTRY).build();
            sessions.events().afterCommit(event -> print("after commit!"));
            AsyncSession session = sessions.create();
            session.events().beforeCommit(event -> print("before commit!").then(event.connection())
                    .flatMap(conn -> conn.execute(Sql.text("select 'execute from event'")))
                    .flatMap(result -> print(result.first().orElseThrow().toString())));

            StepVerifier.create(session.execute(Sql.text("select 1")).then(session.commit()).then(session.close())).verifyComplete();
        } finally {
            engine.dispose().block();
        }
        assertThat(this.printed).hasSize(7);
        assertThat(this.printed.get(0)).startsWith("New DBAPI connection: ");
        assertThat(this.printed.subList(1, 7)).containsExactly("execute from event", "before execute!", "before commit!",
                "before execute!", "Row[execute from event]", "after commit!");
    }

    /**
     * The session's transaction events in SQLAlchemy 2.0's order: a transaction is created (autobegin), begins on a
     * connection at the first I/O, savepoint levels are created and end (their commit fires the commit events, their
     * rollback the rollback ones), and every end follows its commit or rollback; soft rollback follows a rollback.
     */
    @Test
    void transactionEventsFireOnceEachInSqlAlchemysOrder() {
        SessionEvents events = this.maker.events();
        List<Disposable> listeners = List.of(
                events.afterTransactionCreate(event -> print("create " + level(event))),
                events.afterBegin(event -> event.connection().flatMap(conn -> print("begin " + level(event)
                        + (conn.isClosed() ? " on a closed connection" : "")))),
                events.afterTransactionEnd(event -> print("end " + level(event))),
                events.afterSoftRollback(event -> print("soft rollback " + level(event))),
                events.beforeCommit(event -> print("before commit")),
                events.afterCommit(event -> print("after commit")),
                events.afterRollback(event -> print("after rollback")),
                events.beforeFlush(event -> print("before flush")));
        try {
            StepVerifier.create(this.maker.use(session -> {
                session.add(new A("a1", List.of()));
                return session.flush()
                        .then(session.beginNested()).flatMap(AsyncSessionTransaction::commit)
                        .then(session.beginNested()).flatMap(AsyncSessionTransaction::rollback)
                        .then(session.commit())
                        .then(session.execute(Sql.text("select 1")))
                        .then(session.rollback());
            })).verifyComplete();
        } finally {
            listeners.forEach(Disposable::dispose);
        }
        assertThat(this.printed).containsExactly(
                // As SQLAlchemy's _flush: before_flush runs before the flush autobegins the transaction.
                "before flush", "create root", "begin root",
                "create nested", "before commit", "after commit", "end nested",
                "create nested", "after rollback", "end nested", "soft rollback nested",
                "before commit", "after commit", "end root",
                "create root", "begin root", "after rollback", "end root", "soft rollback root");
        assertThat(count("orm_a")).isEqualTo(1);
    }

    /**
     * Operation listeners wrap each flush, commit and rollback as a whole: the maker's outside the session's, the
     * commit's flush inside the commit, a failed flush's error passing through them, with the count of objects to write.
     */
    @Test
    void operationListenersWrapFlushesCommitsAndRollbacks() {
        SessionEvents.OperationListener outer = (operation, work) -> print("> " + operation.kind() + " " + operation.objects())
                .then(work.doOnError(error -> this.printed.add("! " + operation.kind() + " " + error.getClass().getSimpleName())))
                .then(print("< " + operation.kind()));
        Disposable listener = this.maker.events().aroundOperation(outer);
        try {
            StepVerifier.create(this.maker.use(session -> {
                session.events().aroundOperation((operation, work) -> print("  >").then(work).then(print("  <")));
                session.add(new A("a1", List.of()));
                session.add(new A("a2", List.of()));
                return session.flush().then(session.commit()).then(Mono.fromRunnable(() -> session.add(new A("a3", List.of()))))
                        .then(session.rollback());
            })).verifyComplete();
            StepVerifier.create(this.maker.use(session -> {
                session.events().beforeFlush(event -> Mono.error(new IllegalStateException("refused")));
                session.add(new A("a4", List.of()));
                return session.flush();
            })).expectErrorMessage("refused").verify();
        } finally {
            listener.dispose();
        }
        assertThat(this.printed.subList(0, 12)).containsExactly("> FLUSH 2", "  >", "  <", "< FLUSH",
                "> COMMIT 0", "  >", "> FLUSH 0", "  >", "  <", "< FLUSH", "  <", "< COMMIT");
        assertThat(this.printed.subList(12, 16)).containsExactly("> ROLLBACK 1", "  >", "  <", "< ROLLBACK");
        assertThat(this.printed.subList(16, this.printed.size())).containsExactly("> FLUSH 1", "! FLUSH IllegalStateException");
    }

    private static String level(SessionEvents.SessionEvent event) {
        return event.transaction().map(transaction -> transaction.isNested() ? "nested" : "root").orElse("none");
    }

    /** SQLAlchemy's do_orm_execute: a global filter, populate-existing set by the hook, and a result answered by it. */
    @Test
    void ormExecuteListenersFilterChangeAndAnswerStatements() {
        addThreeAsWithFiveBs().block();
        List<io.asyncorm.engine.ExecutionOptions> seen = new CopyOnWriteArrayList<>();
        List<Disposable> listeners = List.of(
                this.maker.events().doOrmExecute(state -> {
                    seen.add(state.executionOptions());
                    if (state.isEntityQuery() && state.entityType().filter(A.class::equals).isPresent()) {
                        @SuppressWarnings("unchecked")
                        EntitySelect<A> query = (EntitySelect<A>) state.statement();
                        state.statement(query.where(A_.data.ne("a2")).populateExisting());
                    }
                    return Mono.empty();
                }));
        try {
            io.asyncorm.engine.ExecutionOptions tagged = io.asyncorm.engine.ExecutionOptions.builder().option("tag", "call").build();
            StepVerifier.create(this.maker.use(session -> session.list(select(A.class).orderBy(A_.id.asc()))
                    .flatMap(as -> session.execute(Sql.update(REGISTRY.metadata().table("orm_a").orElseThrow())
                            .values(Map.of("data", "a1 changed")).where(A_.data.eq("a1")), Map.of(), tagged).thenReturn(as))
                    .flatMap(as -> {
                        List<String> before = as.stream().map(A::getData).toList();
                        return session.list(select(A.class).orderBy(A_.id.asc()))
                                .map(again -> List.of(before, again.get(0) == as.get(0), again.get(0).getData()));
                    })))
                    .expectNext(List.of(List.of("a1", "a3"), true, "a1 changed")).verifyComplete();
            assertThat(seen).hasSize(3);
            assertThat(seen.get(1).custom()).containsEntry("tag", "call");

            listeners.forEach(Disposable::dispose);
            io.asyncorm.result.Result cached = new io.asyncorm.result.Result(io.asyncorm.result.RowKeys.of(List.of("answer")),
                    List.of(new io.asyncorm.result.Row(io.asyncorm.result.RowKeys.of(List.of("answer")), new Object[] {42})), -1);
            listeners = List.of(this.maker.events().doOrmExecute(state -> Mono.just(cached)));
            this.echo.clear();
            StepVerifier.create(this.maker.use(session -> session.scalar(Sql.text("select 1")))).expectNext(Optional.of(42)).verifyComplete();
            assertThat(this.echo.statements()).as("answered by the listener: no SQL").isEmpty();
        } finally {
            listeners.forEach(Disposable::dispose);
        }
    }

    /**
     * SQLAlchemy's is_relationship_load and invoke_statement: the IN query of a selectinload passes the listeners, marked,
     * and a filter on it reaches the loaded collection; a listener that runs the statement itself (a cache) runs the
     * listeners after it once and the statement once, and answers later calls without SQL.
     */
    @Test
    void ormExecuteListenersSeeRelationshipLoadsAndInvokeTheStatementThemselves() {
        addThreeAsWithFiveBs().block();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Disposable> listeners = List.of(this.maker.events().doOrmExecute(state -> {
            seen.add(state.isRelationshipLoad() + " " + state.entityType().map(Class::getSimpleName).orElse("-"));
            if (state.isRelationshipLoad() && state.entityType().filter(B.class::equals).isPresent()) {
                state.statement(((io.asyncorm.sql.Select) state.statement()).where(ormB().<String>c("data").ne("b2")));
            }
            return Mono.empty();
        }));
        try {
            StepVerifier.create(this.maker.use(session -> session.list(select(A.class).where(A_.data.eq("a1"))
                    .options(Orm.selectinload(A_.bs))).map(as -> as.get(0).getBs().stream().map(B::getData).toList())))
                    .expectNext(List.of("b1")).verifyComplete();
            assertThat(seen).containsExactly("false A", "true B");
        } finally {
            listeners.forEach(Disposable::dispose);
        }

        Map<String, io.asyncorm.result.FrozenResult> cache = new java.util.concurrent.ConcurrentHashMap<>();
        List<String> later = new CopyOnWriteArrayList<>();
        listeners = List.of(
                this.maker.events().doOrmExecute(state -> {
                    String key = String.valueOf(state.statement());
                    io.asyncorm.result.FrozenResult hit = cache.get(key);
                    return hit != null ? Mono.just(hit.replay()) : state.invokeStatement().map(result -> {
                        io.asyncorm.result.FrozenResult frozen = result.freeze();
                        cache.put(key, frozen);
                        return frozen.replay();
                    });
                }),
                this.maker.events().doOrmExecute(state -> {
                    later.add("called");
                    return Mono.empty();
                }));
        try {
            this.echo.clear();
            io.asyncorm.sql.TextClause count = Sql.text("select count(*) from orm_b");
            StepVerifier.create(this.maker.use(session -> session.scalar(count).flatMap(first -> session.scalar(count)
                    .map(second -> List.of(((Number) first.orElseThrow()).intValue(), ((Number) second.orElseThrow()).intValue())))))
                    .expectNext(List.of(5, 5)).verifyComplete();
            assertThat(later).as("the listener after the cache ran once").hasSize(1);
            assertThat(this.echo.statements()).filteredOn(sql -> sql.startsWith("select count")).as("the statement ran once").hasSize(1);
        } finally {
            listeners.forEach(Disposable::dispose);
        }
    }

    @Test
    void aListenersStatementsArePartOfTheSessionsTransaction() {
        this.maker.events().beforeFlush(event -> event.connection()
                .flatMap(conn -> conn.execute(Sql.insert(ormB()).values(Map.of("data", "audit")))).then());
        this.maker.events().afterRollback(event -> print("after rollback"));

        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("rolled back", List.of()));
            return session.flush().then(session.rollback());
        })).verifyComplete();
        assertThat(count("orm_b")).isZero();
        assertThat(count("orm_a")).isZero();
        assertThat(this.printed).containsExactly("after rollback");

        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("committed", List.of()));
            return session.commit();
        })).verifyComplete();
        assertThat(count("orm_b")).isOne();
        assertThat(count("orm_a")).isOne();
    }

    @Test
    void anAfterFlushListenerAddedByABeforeFlushListenerRunsForThatFlush() {
        // The flush decides whether anyone listens to afterFlush once beforeFlush has run (and costs no step when nobody does).
        StepVerifier.create(this.maker.use(session -> {
            session.events().beforeFlush(event -> {
                session.events().afterFlush(after -> print("afterFlush"));
                return print("beforeFlush");
            });
            session.add(new A("a1", List.of()));
            return session.flush();
        })).verifyComplete();
        assertThat(this.printed).containsExactly("beforeFlush", "afterFlush");
    }

    @Test
    void entityEventsSurroundTheirStatementsAndBeforeInsertChangesAreWritten() {
        SessionEvents events = this.maker.events();
        events.beforeFlush(event -> print("beforeFlush"));
        events.afterFlush(event -> print("afterFlush"));
        events.beforeCommit(event -> print("beforeCommit"));
        events.afterCommit(event -> print("afterCommit"));
        events.beforeInsert(Object.class, event -> print("beforeInsert " + event.entity()));
        events.afterInsert(Object.class, event -> print("afterInsert " + event.entity()));
        events.beforeUpdate(Object.class, event -> print("beforeUpdate " + event.entity()));
        events.afterUpdate(Object.class, event -> print("afterUpdate " + event.entity()));
        events.beforeDelete(Object.class, event -> print("beforeDelete " + event.entity()));
        events.afterDelete(Object.class, event -> print("afterDelete " + event.entity()));
        events.load(A.class, event -> print("load " + event.entity()));
        events.beforeInsert(A.class, event -> Mono.fromRunnable(() -> event.entity().setData(event.entity().getData() + " (stamped)")));

        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("a1", List.of(new B("b1"))));
            return session.commit();
        })).verifyComplete();
        assertThat(this.printed).containsExactly("beforeCommit", "beforeFlush", "beforeInsert A(null, a1)",
                "afterInsert A(1, a1 (stamped))", "beforeInsert B(null, b1)", "afterInsert B(1, b1)", "afterFlush", "afterCommit");

        this.printed.clear();
        StepVerifier.create(this.maker.use(session -> session.get(A.class, 1).flatMap(a -> {
            a.setData("changed");
            return session.flush().then(session.get(A.class, 1)).then(session.delete(a)).then(session.commit());
        }))).verifyComplete();
        assertThat(this.printed).containsExactly("load A(1, a1 (stamped))", "beforeFlush", "beforeUpdate A(1, changed)",
                "afterUpdate A(1, changed)", "afterFlush", "beforeCommit", "beforeFlush", "beforeDelete B(1, b1)",
                "afterDelete B(1, b1)", "beforeDelete A(1, changed)", "afterDelete A(1, changed)", "afterFlush", "afterCommit");
    }

    /** Load listeners of a stream: those registered when it opens run once per row; one registered later does not. */
    @Test
    void aStreamRunsTheLoadListenersRegisteredWhenItOpensOncePerRow() {
        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("s1", List.of()));
            session.add(new A("s2", List.of()));
            return session.commit();
        })).verifyComplete();
        Disposable load = this.maker.events().load(A.class, event -> print("load " + event.entity().getData()));
        try {
            StepVerifier.create(this.maker.use(session -> session.<A>streamScalars(select(A.class).orderBy(A_.id.asc()))
                    .flatMapMany(result -> result.rows()))).expectNextCount(2).verifyComplete();
            assertThat(this.printed).containsExactly("load s1", "load s2");
        } finally {
            load.dispose();
        }

        this.printed.clear();
        Disposable[] late = new Disposable[1];
        StepVerifier.create(this.maker.use(session -> session.<A>streamScalars(select(A.class).orderBy(A_.id.asc()))
                .doOnNext(opened -> late[0] = this.maker.events().load(A.class, event -> print("late " + event.entity().getData())))
                .flatMapMany(result -> result.rows()))).expectNextCount(2).verifyComplete();
        late[0].dispose();
        assertThat(this.printed).as("registered after the stream opened").isEmpty();
    }

    @Test
    void aBeforeFlushListenerMayAddObjectsButNotFlush() {
        Disposable adds = this.maker.events().beforeFlush(event -> Mono.fromRunnable(() -> {
            if (event.session().newObjects().stream().noneMatch(o -> o instanceof B)) {
                event.session().add(new B("added by listener"));
            }
        }));
        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("a1", List.of()));
            return session.commit();
        })).verifyComplete();
        assertThat(count("orm_b")).isOne();
        adds.dispose();

        this.maker.events().beforeFlush(event -> event.session().flush());
        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("a2", List.of()));
            return session.flush();
        })).expectErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                .hasMessageContaining("already flushing")).verify();
        assertThat(count("orm_a")).isOne();
    }

    @Test
    void aListenerMayQueryThroughTheSessionInsideTheOperation() {
        this.maker.events().beforeCommit(event -> event.session().list(select(A.class).orderBy(A_.id.asc()))
                .flatMap(as -> print("before commit sees " + as)));
        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("a1", List.of()));
            return session.commit();
        })).verifyComplete();
        assertThat(this.printed).containsExactly("before commit sees [A(1, a1)]");
    }

    @Test
    void aFailingListenerFailsTheOperationAndTheTransactionRollsBack() {
        this.maker.events().beforeCommit(event -> Mono.error(new IllegalStateException("audit service down")));
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new A("a1", List.of(new B("b1"))));
            return session.flush();
        })).expectErrorMessage("audit service down").verify();
        assertThat(count("orm_a")).isZero();
        assertThat(count("orm_b")).isZero();
    }

    @Test
    void disposedListenersNoLongerRun() {
        Disposable listener = this.maker.events().beforeFlush(event -> print("flush"));
        listener.dispose();
        StepVerifier.create(this.maker.use(session -> {
            session.add(new A("a1", List.of()));
            return session.commit();
        })).verifyComplete();
        assertThat(this.printed).isEmpty();
    }

    @Test
    void engineCheckoutAndHandleErrorEvents() {
        this.engine.events().onCheckout(connection -> print("checkout"));
        this.engine.events().handleError(context -> print("error in " + context.sql() + ": "
                + context.error().getClass().getSimpleName()));
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select 1")))
                .thenMany(this.engine.connect(conn -> conn.execute(Sql.text("select 2"))))).expectNextCount(1).verifyComplete();
        assertThat(this.printed).containsExactly("checkout", "checkout");

        this.printed.clear();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select * from no_such_table"))))
                .expectError(ProgrammingError.class).verify();
        assertThat(this.printed).containsExactly("checkout", "error in select * from no_such_table: ProgrammingError");

        this.engine.events().handleError(context -> Mono.error(new IllegalArgumentException("replaced", context.error())));
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select * from no_such_table"))))
                .expectErrorSatisfies(error -> assertThat(error).isInstanceOf(IllegalArgumentException.class)
                        .hasCauseInstanceOf(ProgrammingError.class)).verify();
    }
}
