package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.engine.AsyncEngine;
import io.asyncorm.engine.EngineOptions;
import io.asyncorm.exception.ImplicitIoException;
import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.model.A;
import io.asyncorm.orm.model.A_;
import io.asyncorm.orm.model.Account;
import io.asyncorm.orm.model.Account_;
import io.asyncorm.orm.model.B;
import io.asyncorm.orm.model.Badge;
import io.asyncorm.orm.model.Company;
import io.asyncorm.orm.model.Department;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.result.ScalarResult;
import io.asyncorm.sql.Sql;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The ORM scenarios (issue 4's acceptance list, AS-04, AS-05, ES-14..ES-20), written once and run
 * against each database by a subclass. Statement counts come from the engine's echo log.
 */
abstract class AbstractOrmIntegrationTests extends OrmIntegrationTestSupport {

    // ---------------------------------------------------------------- AS-04

    @Test
    void selectinloadGivesEachOwnerItsChildrenWhateverOrderTheirRowsComeIn() {
        A[] owners = {new A("a1", List.of()), new A("a2", List.of()), new A("a3", List.of())};
        StepVerifier.create(this.maker.begin(session -> {
            session.addAll(List.of(owners));
            return Mono.empty();
        })).verifyComplete();
        // Children inserted round-robin: no two rows of one owner are neighbours in the table, and the first owner has
        // the most (the load remembers rows per owner and reserves room from it the next time).
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 13; i++) {
            values.append(i == 0 ? "" : ", ").append("(").append(owners[i % 3].getId()).append(", 'b").append(i).append("')");
        }
        StepVerifier.create(this.engine.begin(conn -> conn.execute(Sql.text("insert into orm_b (a_id, data) values " + values))))
                .expectNextCount(1).verifyComplete();
        for (int load = 0; load < 2; load++) {
            StepVerifier.create(this.maker.use(session -> session.list(select(A.class).orderBy(A_.id.asc()).options(selectinload(A_.bs))))
                    .single()).assertNext(as -> {
                        assertThat(as.get(0).getBs()).extracting(B::getData).containsExactlyInAnyOrder("b0", "b3", "b6", "b9", "b12");
                        assertThat(as.get(1).getBs()).extracting(B::getData).containsExactlyInAnyOrder("b1", "b4", "b7", "b10");
                        assertThat(as.get(2).getBs()).extracting(B::getData).containsExactlyInAnyOrder("b2", "b5", "b8", "b11");
                    }).verifyComplete();
        }
    }

    @Test
    void as04OrmSynopsisBatchesTheInsertsAndLoadsCollectionsWithTwoSelects() {
        A[] added = new A[3];
        StepVerifier.create(this.maker.begin(session -> {
            added[0] = new A("a1", List.of(new B("b1"), new B("b2")));
            added[1] = new A("a2", List.of(new B("b3")));
            added[2] = new A("a3", List.of(new B("b4"), new B("b5")));
            session.addAll(List.of(added));
            return Mono.empty();
        })).verifyComplete();
        // One INSERT per table, whatever the number of rows; A before B; server defaults read back at flush.
        assertThat(statements("INSERT")).hasSize(2);
        assertThat(insertedTables()).containsExactly("orm_a", "orm_b");
        assertThat(added).allSatisfy(a -> assertThat(a.getCreateDate()).isNotNull());
        assertThat(added[0].getBs()).extracting(B::getAId).containsOnly(added[0].getId());
        this.echo.clear();

        Mono<List<A>> loaded = this.maker.use(session -> session.list(select(A.class).orderBy(A_.id.asc()).options(selectinload(A_.bs))))
                .single();
        StepVerifier.create(loaded).assertNext(as -> {
            assertThat(as).extracting(A::getData).containsExactly("a1", "a2", "a3");
            assertThat(as).allSatisfy(a -> assertThat(a.getCreateDate()).isNotNull());
            assertThat(as).extracting(a -> a.getBs().size()).containsExactly(2, 1, 2);
            assertThat(as.get(0).getBs()).extracting(B::getData).containsExactly("b1", "b2");
        }).verifyComplete();
        assertThat(statements("SELECT")).hasSize(2);
        // The keys are one array on PostgreSQL (a_id = ANY($1::integer[])), an IN list elsewhere.
        assertThat(statements("SELECT").get(1)).contains("orm_b")
                .contains(this.engine.dialect().name().equals("postgresql") ? " = ANY($1::integer[])" : " IN ");
        this.echo.clear();

        A[] first = new A[1];
        StepVerifier.create(this.maker.use(session -> session.scalars(select(A.class).orderBy(A_.id.asc()))
                .map(result -> (A) result.first().orElseThrow())
                .doOnNext(a -> {
                    first[0] = a;
                    a.setData("new data");
                })
                .then(session.commit()))).verifyComplete();
        assertThat(statements("UPDATE")).hasSize(1);
        assertThat(statements("SELECT").get(0)).doesNotContain("LIMIT");
        this.echo.clear();
        assertThat(first[0].getData()).isEqualTo("new data");
        assertThat(this.echo.statements()).isEmpty();
        StepVerifier.create(this.engine.connect(conn -> conn.<String>scalar(Sql.select(REGISTRY.mapper(A.class).table().c("data"))
                .where(A_.id.eq(first[0].getId())))).single()).expectNext(java.util.Optional.of("new data")).verifyComplete();
    }

    // ---------------------------------------------------------------- AS-05

    @Test
    void as05AnUnloadedCollectionRaisesWithoutSqlAndFetchLoadsItOnce() {
        addThreeAsWithFiveBs().block();
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(A.class).orderBy(A_.id.asc()))
                .map(as -> as.get(0))
                .doOnNext(a1 -> {
                    this.echo.clear();
                    assertThatThrownBy(() -> a1.getBs().size()).isInstanceOf(ImplicitIoException.class)
                            .hasMessageContaining("A.bs").hasMessageContaining("selectinload(A_.bs)")
                            .hasMessageContaining("AsyncAttrs.fetch");
                    assertThatThrownBy(() -> a1.getBs().isEmpty()).isInstanceOf(ImplicitIoException.class);
                    assertThat(this.echo.statements()).isEmpty();
                })
                .flatMap(a1 -> AsyncAttrs.fetch(a1, A_.bs).map(Collection::size)
                        .doOnNext(size -> assertThat(statements("SELECT")).hasSize(1))
                        .then(AsyncAttrs.fetch(a1, A_.bs)).map(Collection::size))))
                .expectNext(2).verifyComplete();
        assertThat(statements("SELECT")).hasSize(1);
    }

    @Test
    void aCollectionOfAClosedSessionsObjectIsADetachedInstanceError() {
        addThreeAsWithFiveBs().block();
        A a1 = this.maker.use(session -> session.list(select(A.class).orderBy(A_.id.asc()))).single().block().get(0);
        assertThat(a1.getData()).isEqualTo("a1");
        assertThatThrownBy(() -> a1.getBs().size()).isInstanceOf(io.asyncorm.exception.DetachedInstanceError.class)
                .hasMessageContaining("not bound to a session");
        StepVerifier.create(AsyncAttrs.fetch(a1, A_.bs)).verifyError(io.asyncorm.exception.DetachedInstanceError.class);
    }

    /** As SQLAlchemy's awaitable_attrs: a relationship loaded before the session closed is returned, without I/O. */
    @Test
    void fetchOfALoadedRelationshipOfADetachedObjectAnswersWithoutIo() {
        addThreeAsWithFiveBs().block();
        A a1 = this.maker.use(session -> session.list(select(A.class).options(selectinload(A_.bs)).orderBy(A_.id.asc())))
                .single().block().get(0);
        this.echo.clear();
        StepVerifier.create(AsyncAttrs.fetch(a1, A_.bs).map(Collection::size)).expectNext(2).verifyComplete();
        assertThat(this.echo.statements()).isEmpty();
    }

    // ---------------------------------------------------------------- identity map (ES-20)

    @Test
    void theIdentityMapGivesOneObjectPerRowAndGetSendsNoSqlForALoadedKey() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.use(session -> session.list(select(A.class).where(A_.data.eq("a2")))
                .flatMap(first -> session.list(select(A.class).orderBy(A_.id.desc())).map(second -> reactor.util.function.Tuples.of(first, second)))
                .flatMap(lists -> {
                    A a2 = lists.getT1().get(0);
                    assertThat(lists.getT2().get(1)).isSameAs(a2);
                    this.echo.clear();
                    return session.get(A.class, a2.getId()).doOnNext(got -> {
                        assertThat(got).isSameAs(a2);
                        assertThat(this.echo.statements()).isEmpty();
                    }).then(session.get(A.class, 9999)).hasElement()
                            .flatMap(found -> session.getOne(A.class, 9999).map(a -> "found").onErrorResume(
                                    io.asyncorm.exception.NoResultFound.class, e -> Mono.just(e.getMessage()))
                                    .map(message -> reactor.util.function.Tuples.of(found, message)));
                })))
                .assertNext(result -> {
                    assertThat(result.getT1()).isFalse();
                    assertThat(result.getT2()).isEqualTo("No row was found when one was required");
                }).verifyComplete();
    }

    // ---------------------------------------------------------------- flush order

    @Test
    void aGraphAddedInReverseOrderInsertsParentsFirstAndDeletesChildrenFirst() {
        Company company = new Company("acme");
        Department sales = new Department("sales", company);
        Employee boss = new Employee("boss", sales, null);
        Employee middle = new Employee("middle", sales, boss);
        Employee worker = new Employee("worker", sales, middle);
        Badge badge = new Badge(worker);
        StepVerifier.create(this.maker.begin(session -> {
            session.add(badge);
            session.add(worker);
            return Mono.empty();
        })).verifyComplete();
        assertThat(List.of(company.getId(), sales.getId(), boss.getId(), middle.getId(), worker.getId())).doesNotContainNull();
        assertThat(badge.getId()).isNotNull();
        assertThat(company.getId()).isEqualTo(100L);
        // The three employees are one self-referential chain: three levels, one INSERT each.
        assertThat(statements("SELECT").get(0)).containsIgnoringCase("orm_company_ids");
        assertThat(insertedTables()).containsExactly("orm_company", "orm_department",
                "orm_employee", "orm_employee", "orm_employee", "orm_badge");

        StepVerifier.create(this.maker.begin(session -> session.list(select(Badge.class))
                .flatMapMany(Flux::fromIterable).concatMap(session::delete)
                .thenMany(session.list(select(Employee.class)).flatMapMany(Flux::fromIterable)).concatMap(session::delete)
                .thenMany(session.list(select(Company.class)).flatMapMany(Flux::fromIterable)).concatMap(session::delete)))
                .verifyComplete();
        assertThat(count("orm_badge") + count("orm_employee") + count("orm_department") + count("orm_company")).isZero();
    }

    @Test
    void aCycleOfTablesIsBrokenAtANullableReferenceWrittenAfterTheInserts() {
        Department sales = new Department("sales", new Company("acme"));
        Employee head = new Employee("head", sales, null);
        sales.setManager(head);
        StepVerifier.create(this.maker.begin(session -> {
            session.add(sales);
            return Mono.empty();
        })).verifyComplete();
        // department (manager NULL), employee, then the department's manager key.
        assertThat(insertedTables()).containsExactly("orm_company", "orm_department", "orm_employee");
        assertThat(statements("UPDATE")).singleElement().satisfies(sql -> assertThat(sql).contains("orm_department"));
        StepVerifier.create(this.maker.use(session -> session.list(select(Department.class))
                .flatMap(departments -> AsyncAttrs.fetch(departments.get(0), io.asyncorm.orm.model.Department_.manager))
                .map(Employee::getName))).expectNext("head").verifyComplete();

        StepVerifier.create(this.maker.begin(session -> session.list(select(Department.class))
                .flatMap(departments -> session.delete(departments.get(0))))).verifyComplete();
        assertThat(count("orm_department") + count("orm_employee")).isZero();
    }

    // ---------------------------------------------------------------- optimistic locking

    @Test
    void aConcurrentUpdateMakesTheFlushFailWithStaleDataAndLeavesTheDatabaseAsTheOtherSessionLeftIt() {
        this.maker.begin(session -> {
            session.add(new Account(1, "ann", 100));
            return Mono.empty();
        }).blockLast();
        AsyncSession first = this.maker.create();
        Account mine = first.get(Account.class, 1).block();
        this.maker.begin(other -> other.get(Account.class, 1).doOnNext(a -> a.setBalance(50))).blockLast();
        mine.setBalance(200);
        StepVerifier.create(first.commit()).verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(StaleDataError.class)
                .hasMessageContaining("orm_account").hasMessageContaining("expected to update 1 row(s); 0 were matched"));
        StepVerifier.create(first.rollback().then(first.close())).verifyComplete();
        assertThat(this.maker.use(session -> session.get(Account.class, 1)).single().block())
                .satisfies(a -> assertThat(a.getBalance()).isEqualTo(50)).satisfies(a -> assertThat(a.getVersion()).isEqualTo(2));
    }

    // ---------------------------------------------------------------- savepoints

    @Test
    void aRolledBackSavepointKeepsTheOuterWorkAndTheSessionStaysUsable() {
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new Account(1, "outer", 1));
            return session.beginNested(inner -> {
                inner.add(new Account(2, "inner", 2));
                return inner.flush().then(Mono.error(new IllegalStateException("boom")));
            }).onErrorResume(IllegalStateException.class, e -> Mono.empty())
                    .then(Mono.fromRunnable(() -> assertThat(session.inNestedTransaction()).isFalse()))
                    .then(session.get(Account.class, 3)).then(Mono.fromRunnable(() -> session.add(new Account(3, "after", 3))));
        })).verifyComplete();
        assertThat(this.maker.use(session -> session.list(select(Account.class).orderBy(Account_.id.asc()))).single().block())
                .extracting(Account::getOwner).containsExactly("outer", "after");
    }

    // ---------------------------------------------------------------- failed flush

    @Test
    void aFailedFlushLeavesNoPartialRowsAndRollbackRestoresTheSession() {
        this.maker.begin(session -> {
            session.add(new Account(1, "taken", 1));
            return Mono.empty();
        }).blockLast();
        AsyncSession session = this.maker.create();
        Account fresh = new Account(2, "fresh", 2);
        Account clash = new Account(3, "taken", 3);
        session.addAll(List.of(fresh, clash));
        assertThat(session.isActive()).as("active before any transaction, as SQLAlchemy's is_active").isTrue();
        StepVerifier.create(session.flush()).verifyError(IntegrityError.class);
        assertThat(session.isActive()).as("partly rolled back by the failed flush").isFalse();
        StepVerifier.create(session.execute(Sql.text("select 1"))).verifyError(io.asyncorm.exception.PendingRollbackError.class);
        StepVerifier.create(session.rollback()).verifyComplete();
        assertThat(session.isActive()).isTrue();
        assertThat(session.contains(fresh)).isFalse();
        assertThat(session.newObjects()).isEmpty();
        session.add(fresh);
        StepVerifier.create(session.commit().then(session.close())).verifyComplete();
        assertThat(this.maker.use(s -> s.list(select(Account.class).orderBy(Account_.id.asc()))).single().block())
                .extracting(Account::getOwner).containsExactly("taken", "fresh");
    }

    // ---------------------------------------------------------------- overlapping use

    @Test
    void overlappingOperationsOnOneSessionFailFast() {
        addThreeAsWithFiveBs().block();
        // A pool of one, held by the test, keeps the first get() waiting, so the second one overlaps it for sure.
        AsyncEngine single = AsyncEngine.create(url(), EngineOptions.builder().poolSize(1).maxOverflow(0).build());
        try {
            AsyncSessionMaker singleMaker = AsyncSessionMaker.builder(single, REGISTRY).build();
            io.asyncorm.engine.AsyncConnection held = single.connect().block();
            AsyncSession session = singleMaker.create();
            StepVerifier.create(Flux.merge(session.get(A.class, 1), session.get(A.class, 2)))
                    .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class)
                            .hasMessageContaining("already running get()").hasMessageContaining("not safe for concurrent use"));
            held.close().block();
            StepVerifier.create(Flux.range(1, 3).concatMap(id -> session.get(A.class, id)).map(A::getData).then(session.close()))
                    .verifyComplete();
            StepVerifier.create(singleMaker.use(s -> Flux.range(1, 3).concatMap(id -> s.get(A.class, id))).map(A::getData))
                    .expectNext("a1", "a2", "a3").verifyComplete();
        } finally {
            single.dispose().block();
        }
    }

    // ---------------------------------------------------------------- many-to-many

    @Test
    void manyToManyWritesAssociationRowsInOneStatementAndLoadsEitherSide() {
        io.asyncorm.orm.model.Tag java = new io.asyncorm.orm.model.Tag("java");
        io.asyncorm.orm.model.Tag sql = new io.asyncorm.orm.model.Tag("sql");
        io.asyncorm.orm.model.Tag news = new io.asyncorm.orm.model.Tag("news");
        StepVerifier.create(this.maker.begin(session -> {
            session.addAll(List.of(new io.asyncorm.orm.model.Post("p1", java, sql), new io.asyncorm.orm.model.Post("p2", java),
                    new io.asyncorm.orm.model.Post("p3", news)));
            return Mono.empty();
        })).verifyComplete();
        assertThat(insertedTables()).containsExactly("orm_post", "orm_tag", "orm_post_tag");
        assertThat(count("orm_post_tag")).isEqualTo(4);
        this.echo.clear();

        StepVerifier.create(this.maker.begin(session -> session.list(select(io.asyncorm.orm.model.Post.class)
                        .where(io.asyncorm.orm.model.Post_.title.eq("p1")).options(selectinload(io.asyncorm.orm.model.Post_.tags)))
                .map(posts -> posts.get(0))
                .flatMap(p1 -> {
                    assertThat(p1.getTags()).extracting(io.asyncorm.orm.model.Tag::getName).containsExactlyInAnyOrder("java", "sql");
                    assertThat(statements("SELECT")).hasSize(2);
                    p1.getTags().removeIf(tag -> tag.getName().equals("sql"));
                    return session.get(io.asyncorm.orm.model.Tag.class, "news").doOnNext(p1.getTags()::add);
                })))
                .expectNextCount(1).verifyComplete();
        assertThat(this.maker.use(session -> session.list(select(io.asyncorm.orm.model.Tag.class)
                        .options(selectinload(io.asyncorm.orm.model.Tag_.posts))))
                .single().block()).extracting(tag -> tag.getName() + "=" + tag.getPosts().size())
                .containsExactlyInAnyOrder("java=2", "sql=0", "news=2");

        StepVerifier.create(this.maker.begin(session -> session.list(select(io.asyncorm.orm.model.Post.class)
                .where(io.asyncorm.orm.model.Post_.title.eq("p2"))).flatMap(posts -> session.delete(posts.get(0))))).verifyComplete();
        assertThat(count("orm_post_tag")).isEqualTo(3);
        assertThat(count("orm_post")).isEqualTo(2);
    }

    // ---------------------------------------------------------------- joinedload, ES-14

    @Test
    void joinedLoadOfACollectionNeedsUniqueAndUsesOneSelect() {
        addThreeAsWithFiveBs().block();
        this.echo.clear();
        EntitySelect<A> query = select(A.class).orderBy(A_.id.asc()).options(Orm.joinedload(A_.bs));
        StepVerifier.create(this.maker.use(session -> session.execute(query).map(result -> result.scalars().all())))
                .verifyErrorSatisfies(error -> assertThat(error).isInstanceOf(InvalidRequestError.class).hasMessage(
                        "The unique() method must be invoked on this Result, as it contains results that include joined eager "
                                + "loads against collections"));
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.execute(query).map(result -> result.unique().<A>scalars().all())))
                .assertNext(as -> {
                    assertThat(as).extracting(A::getData).containsExactly("a1", "a2", "a3");
                    assertThat(as).extracting(a -> a.getBs().size()).containsExactly(2, 1, 2);
                }).verifyComplete();
        assertThat(statements("SELECT")).hasSize(1);
        assertThat(statements("SELECT").get(0)).contains("LEFT OUTER JOIN");
        // With LIMIT, a joined collection would make the limit count Bs: it loads with a second SELECT instead.
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(query.limit(2))))
                .assertNext(as -> assertThat(as).extracting(a -> a.getData() + "=" + a.getBs().size()).containsExactly("a1=2", "a2=1"))
                .verifyComplete();
        assertThat(statements("SELECT")).hasSize(2);
        assertThat(statements("SELECT").get(0)).doesNotContain("JOIN");
    }

    @Test
    void joinedLoadOfReferencesNestsInOneSelect() {
        addWorkerAndBoss();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class)
                        .where(io.asyncorm.orm.model.Employee_.name.eq("boss"))
                        .options(Orm.joinedload(io.asyncorm.orm.model.Employee_.department)
                                .joinedload(io.asyncorm.orm.model.Department_.company),
                                Orm.noload(io.asyncorm.orm.model.Employee_.manager)))
                .map(list -> list.get(0).getDepartment().getCompany().getName() + " " + list.get(0).getManager())))
                .expectNext("acme null").verifyComplete();
        assertThat(statements("SELECT")).hasSize(1);
    }

    @Test
    void scalarsOfAnEntityQueryAreTheEntities() {
        addThreeAsWithFiveBs().block();
        StepVerifier.create(this.maker.use(session -> session.<A>scalars(select(A.class).where(A_.data.eq("a3"))).map(ScalarResult::one)))
                .assertNext(a -> assertThat(a.getData()).isEqualTo("a3")).verifyComplete();
    }
}
