package io.asyncorm.readme;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static io.asyncorm.sql.Sql.func;
import static io.asyncorm.sql.Sql.insert;
import static io.asyncorm.sql.Sql.select;
import static io.asyncorm.sql.Sql.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.orm.AsyncAttrs;
import io.asyncorm.orm.AsyncScopedSession;
import io.asyncorm.orm.AsyncSession;
import io.asyncorm.orm.AsyncSessionMaker;
import io.asyncorm.orm.Registry;
import io.asyncorm.orm.ScopeFunction;
import io.asyncorm.result.Result;
import io.asyncorm.result.Row;
import io.asyncorm.sql.Column;
import io.asyncorm.sql.ForeignKey;
import io.asyncorm.sql.Index;
import io.asyncorm.sql.MetaData;
import io.asyncorm.sql.Select;
import io.asyncorm.sql.SqlTypes;
import io.asyncorm.sql.Table;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The README's Core quick start, verbatim apart from recording what it prints; keep the two in sync. */
class ReadmeExamplesTests {

    @Test
    void coreQuickStart() {
        List<Object> printed = new CopyOnWriteArrayList<>();

        // --- README: Core quick start ---
        AsyncEngine engine = AsyncEngine.create("r2dbc:h2:mem:///quickstart?options=DB_CLOSE_DELAY=-1",
                EngineOptions.builder().echo(true).build());

        // begin(fn): commits when the work completes, rolls back on error or cancel, always closes
        Mono<Void> setup = engine.begin(conn -> conn.execute(text("create table t1 (name varchar(50) primary key)"))
                        .then(conn.execute(text("insert into t1 (name) values (:name)"),          // executemany
                                List.of(Map.of("name", "some name 1"), Map.of("name", "some name 2")))))
                .then();

        // connect(fn): autobegins on first use; ends in ROLLBACK unless you call conn.commit()
        Mono<List<Row>> rows = engine.connect(conn -> conn
                        .execute(text("select name from t1 where name = :name"), Map.of("name", "some name 1"))
                        .map(Result::all))
                .single();

        // stream: rows come from an open cursor as the subscriber asks for them; cancel closes it
        Flux<String> names = engine.connect(conn -> conn.stream(text("select name from t1 order by name"))
                .flatMapMany(result -> result.rows().map(row -> row.get("name", String.class))));

        // savepoints: an error inside beginNested rolls back only the savepoint
        Mono<Void> savepoint = engine.begin(conn -> conn.execute(text("insert into t1 (name) values ('kept')"))
                        .then(conn.beginNested(sp -> conn.execute(text("insert into t1 (name) values ('kept')")))
                                .then()
                                .onErrorResume(IntegrityError.class, duplicate -> Mono.empty())))
                .then();

        // Nothing runs until subscribed: compose, then subscribe (a main method may block at the end).
        setup.then(rows).doOnNext(printed::add)
                .thenMany(names).doOnNext(printed::add)
                .then(savepoint)
                .then(engine.dispose())   // closes pooled connections; the engine stays usable
                .block();
        // --- end of README ---

        assertThat(printed).hasSize(3);
        @SuppressWarnings("unchecked")
        List<Row> firstRows = (List<Row>) printed.get(0);
        assertThat(firstRows).extracting(row -> row.get("name")).containsExactly("some name 1");
        assertThat(printed.subList(1, 3)).containsExactly("some name 1", "some name 2");
        assertThat(engine.connect(conn -> conn.<Long>scalar(text("select count(*) from t1"))).blockLast()).contains(3L);
        engine.dispose().block();
    }

    @Test
    void ormQuickStart() {
        List<Object> printed = new CopyOnWriteArrayList<>();

        // --- README: ORM quick start ---
        Registry registry = Registry.of(Author.class, Book.class);        // mapping errors fail here
        AsyncEngine engine = AsyncEngine.create("r2dbc:h2:mem:///orm?options=DB_CLOSE_DELAY=-1");
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).expireOnCommit(false).build();

        Mono<Void> schema = engine.begin(conn -> registry.metadata().createAll(conn)).then();

        // maker.begin(fn): commits when the work completes, rolls back on error or cancel, then closes
        Mono<Void> save = maker.begin(session -> {
            Author ann = new Author("Ann");
            ann.addBook(new Book("First"));
            ann.addBook(new Book("Second"));
            session.add(ann);                    // memory only; the books follow (save-update cascade)
            return Mono.empty();                 // commit flushes: one INSERT per table, keys read back
        }).then();

        // Relationships load only when asked: selectinload adds one SELECT ... IN for all authors
        Mono<List<Author>> authors = maker.use(session -> session.list(select(Author.class)
                .where(Author_.name.eq("Ann"))
                .options(selectinload(Author_.books)))).single();

        // Not loaded? Reading it throws ImplicitIoException. AsyncAttrs.fetch loads it explicitly.
        Mono<Integer> bookCount = maker.use(session -> session.getOne(Author.class, 1L)
                .flatMap(ann -> AsyncAttrs.fetch(ann, Author_.books))
                .map(Collection::size)).single();

        // Change an object and commit: one UPDATE ... WHERE id = ? AND version = ?
        Mono<Void> rename = maker.begin(session -> session.getOne(Book.class, 1L)
                .doOnNext(book -> book.setTitle("First, revised"))).then();

        schema.then(save)
                .then(authors).doOnNext(list -> list.forEach(a -> printed.add(a.getName() + " " + a.getBooks().size())))
                .then(bookCount).doOnNext(printed::add)
                .then(rename)
                .then(engine.dispose())
                .block();
        // --- end of README ---

        assertThat(printed).containsExactly("Ann 2", 2);
        assertThat(maker.use(session -> session.getOne(Book.class, 1L)).single().block().getTitle()).isEqualTo("First, revised");
        engine.dispose().block();
    }

    @Test
    void scopedSessionAndRunSync() {
        List<Object> printed = new CopyOnWriteArrayList<>();
        Registry registry = Registry.of(Author.class, Book.class);
        AsyncEngine engine = AsyncEngine.create("r2dbc:h2:mem:///scoped?options=DB_CLOSE_DELAY=-1");
        AsyncSessionMaker maker = AsyncSessionMaker.builder(engine, registry).build();
        engine.begin(conn -> registry.metadata().createAll(conn)).blockLast();
        Author order = new Author("Ann");
        order.addBook(new Book("First"));

        // --- README: scoped session ---
        AsyncScopedSession scoped = AsyncScopedSession.of(maker, ScopeFunction.contextValue());
        Flux<Void> unitOfWork = scoped.inScope(scoped.add(order).then(scoped.commit()))
                .contextWrite(ScopeFunction.newScope());          // a web filter does this once per request
        // --- end of README ---
        unitOfWork.blockLast();
        assertThat(scoped.size()).isZero();

        AsyncSession session = maker.create();
        // --- README: runSync ---
        Mono<Void> work = session.runSync(sync -> {
            for (Author author : sync.list(select(Author.class))) {
                printed.add(author.getName() + " wrote " + author.getBooks().size());   // lazy load: allowed here
            }
            sync.getOne(Book.class, 1L).setTitle("First, revised");
            return null;
        }).then(session.commit());
        // --- end of README ---
        work.then(session.close()).block();

        assertThat(printed).containsExactly("Ann wrote 1");
        assertThat(maker.use(s -> s.getOne(Book.class, 1L)).single().block().getTitle()).isEqualTo("First, revised");
        engine.dispose().block();
    }

    @Test
    void coreSqlTablesAndStatements() {
        AsyncEngine engine = AsyncEngine.create("r2dbc:h2:mem:///readme_sql?options=DB_CLOSE_DELAY=-1");
        // --- README: Core SQL ---
        MetaData metadata = new MetaData();
        Table teams = metadata.table("teams",
                Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
                Column.of("name", SqlTypes.varchar(50)).notNull().unique());
        Table users = metadata.table("users",
                Column.of("id", SqlTypes.INTEGER).primaryKey().identity(),
                Column.of("name", SqlTypes.varchar(100)).notNull(),
                Column.of("team_id", SqlTypes.INTEGER).references(ForeignKey.to("teams.id").onDelete(ForeignKey.Action.CASCADE)),
                Index.on("name"));

        Flux<Result> created = engine.begin(conn -> metadata.createAll(conn)                       // foreign-key order, checkfirst
                .then(conn.execute(insert(teams), List.of(Map.of("name", "core"), Map.of("name", "web"))))
                .then(conn.execute(insert(users).values(Map.of("name", "ann", "team_id", 1)).returning(users.c("id")))));

        Select query = select(teams.c("name"), func.count().as("members"))
                .join(users, users.c("team_id").eq(teams.c("id")))
                .where(users.c("name").ilike("a%"))
                .groupBy(teams.c("name"))
                .orderBy(teams.c("name").desc().nullsLast())
                .limit(10);
        Flux<List<Row>> rows = engine.connect(conn -> conn.execute(query)).map(Result::all);
        // --- end of README ---
        assertThat(created.blockLast().<Integer>scalarOne()).isEqualTo(1);
        List<Row> result = rows.blockLast();
        assertThat(result).extracting(row -> row.get("name"), row -> row.get("members", Long.class))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", 1L));
        engine.dispose().block();
    }

    @Test
    void fromConfig() {
        // --- README: configuration from a flat map ---
        AsyncEngine engine = AsyncEngine.fromConfig(Map.of(
                        "asyncorm.url", "r2dbc:h2:mem:///test", "asyncorm.echo", "true", "asyncorm.pool-size", "5"),
                "asyncorm.");
        // --- end of README ---
        assertThat(engine.options().poolSize()).isEqualTo(5);
        assertThat(engine.options().echo()).isTrue();
    }
}
