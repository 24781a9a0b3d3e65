package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.joinedload;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.IntegrityError;
import io.asyncorm.exception.InvalidRequestError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.keys.AccountProfile;
import io.asyncorm.orm.keys.Course;
import io.asyncorm.orm.keys.Enrollment;
import io.asyncorm.orm.keys.EnrollmentId;
import io.asyncorm.orm.keys.Enrollment_;
import io.asyncorm.orm.keys.Invoice;
import io.asyncorm.orm.keys.InvoiceKey;
import io.asyncorm.orm.keys.Project;
import io.asyncorm.orm.keys.ProjectKey;
import io.asyncorm.orm.keys.Project_;
import io.asyncorm.orm.keys.Student;
import io.asyncorm.orm.keys.Student_;
import io.asyncorm.orm.keys.TenantAccount;
import io.asyncorm.orm.keys.TenantAccountKey;
import io.asyncorm.orm.keys.TenantAccount_;
import io.asyncorm.orm.keys.Transfer;
import io.asyncorm.orm.keys.Transfer_;
import io.asyncorm.orm.internal.UnloadedReference;
import io.asyncorm.orm.mapping.IdentityKey;
import io.asyncorm.sql.Sql;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Composite primary keys: a tenant-scoped key ({@code @IdClass}) and a two-column association object
 * ({@code @EmbeddedId} whose parts are also its foreign keys), through the whole life of an object: DDL, add, get by
 * key object, array or list, identity map, update and delete by the whole key (SQL asserted), refresh, merge, stream,
 * and loading the association from its parent.
 */
abstract class AbstractCompositeKeyIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry KEYS = Registry.of(TenantAccount.class, Student.class, Course.class, Enrollment.class,
            Transfer.class, Project.class, Invoice.class, AccountProfile.class);

    @Override
    protected Registry registry() {
        return KEYS;
    }

    private void addAccounts() {
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new TenantAccount("acme", 1, "Ann"));
            session.add(new TenantAccount("acme", 2, "Bob"));
            session.add(new TenantAccount("initech", 1, "Cid"));
            return Mono.empty();
        })).verifyComplete();
        this.echo.clear();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theKeySpansBothColumnsInTheDatabaseAndInTheIdentityMap() {
        addAccounts();
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new TenantAccount("acme", 1, "Dup"));
            return Mono.empty();
        }))
                .expectError(IntegrityError.class).verify();
        StepVerifier.create(this.maker.use(session -> session.get(TenantAccount.class, new TenantAccountKey("acme", 1))
                .flatMap(byKeyObject -> session.get(TenantAccount.class, new Object[] {"acme", 1})
                        .flatMap(byArray -> session.get(TenantAccount.class, List.of("acme", 1L))
                                .map(byList -> List.of(byKeyObject, byArray, byList, session.identityMap().keySet()))))))
                .assertNext(found -> {
                    TenantAccount account = (TenantAccount) found.get(0);
                    assertThat(account.getOwner()).isEqualTo("Ann");
                    assertThat(found.get(1)).as("the identity map answers the array").isSameAs(account);
                    assertThat(found.get(2)).as("and the list").isSameAs(account);
                    assertThat((Iterable<Object>) found.get(3)).containsExactly(new IdentityKey(TenantAccount.class, List.of("acme", 1L)));
                }).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("SELECT")).singleElement().asString()
                .contains("WHERE ck_account.tenant = ").contains(" AND ck_account.number = ");
        StepVerifier.create(this.maker.use(session -> session.get(TenantAccount.class, new TenantAccountKey("initech", 2))))
                .verifyComplete();
        assertThat(KEYS.mapper(TenantAccount.class).identityOf(new TenantAccount("t", 7, "x")))
                .contains(new IdentityKey(TenantAccount.class, List.of("t", 7L)));
    }

    @Test
    void updatesAndDeletesMatchTheWholeKey() {
        addAccounts();
        StepVerifier.create(this.maker.begin(session -> session.get(TenantAccount.class, new TenantAccountKey("acme", 1))
                .doOnNext(account -> account.setOwner("Ann B.")).then())).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("UPDATE")).singleElement().asString()
                .contains("WHERE ck_account.tenant = ").contains("AND ck_account.number = ").contains("AND ck_account.version = ");
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select tenant, number, owner, version from ck_account "
                + "order by tenant, number"))).map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[acme, 1, Ann B., 1]", "[acme, 2, Bob, 0]", "[initech, 1, Cid, 0]"))
                .verifyComplete();

        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.list(select(TenantAccount.class).where(TenantAccount_.tenant.eq("acme")))
                .flatMap(accounts -> session.delete(accounts.get(0)).then(session.delete(accounts.get(1)))))).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("DELETE")).singleElement().asString()
                .contains("WHERE ck_account.tenant = ").contains("AND ck_account.number = ");
        StepVerifier.create(this.maker.use(session -> session.list(select(TenantAccount.class))))
                .assertNext(rest -> assertThat(rest).extracting(TenantAccount::getOwner).containsExactly("Cid")).verifyComplete();
    }

    @Test
    void aConcurrentChangeToTheSameKeyIsStale() {
        addAccounts();
        StepVerifier.create(this.maker.use(first -> first.get(TenantAccount.class, new TenantAccountKey("acme", 2)).flatMap(mine ->
                this.maker.begin(second -> second.get(TenantAccount.class, List.of("acme", 2)).doOnNext(theirs -> theirs.setOwner("them")))
                        .then(Mono.fromRunnable(() -> mine.setOwner("me"))).then(first.commit()))))
                .expectError(StaleDataError.class).verify();
    }

    @Test
    void refreshMergeAndStreamWorkByTheWholeKey() {
        addAccounts();
        StepVerifier.create(this.maker.use(session -> session.get(TenantAccount.class, List.of("initech", 1))
                .flatMap(account -> this.engine.begin(conn -> conn.execute(Sql.text("update ck_account set owner = 'Cy' where tenant = "
                        + "'initech' and number = 1"))).then(session.commit()).then(session.refresh(account)).thenReturn(account))))
                .assertNext(account -> assertThat(account.getOwner()).isEqualTo("Cy")).verifyComplete();

        TenantAccount detached = this.maker.use(session -> session.get(TenantAccount.class, List.of("acme", 2))).blockLast();
        detached.setOwner("Bea");
        StepVerifier.create(this.maker.begin(session -> session.merge(detached)))
                .assertNext(merged -> assertThat(merged).isNotSameAs(detached)).verifyComplete();
        TenantAccount fresh = new TenantAccount("initech", 9, "New");
        StepVerifier.create(this.maker.begin(session -> session.merge(fresh).then())).verifyComplete();

        StepVerifier.create(this.maker.use(session -> session.<TenantAccount>streamScalars(select(TenantAccount.class)
                .orderBy(TenantAccount_.tenant.asc(), TenantAccount_.number.asc()))
                .flatMapMany(result -> result.rows()).map(TenantAccount::getOwner).collectList()))
                .assertNext(owners -> assertThat(owners).containsExactly("Ann", "Bea", "Cy", "New")).verifyComplete();
    }

    @Test
    void anAssociationObjectIsLoadedFromItsParentAndGoesWithIt() {
        Student ann = new Student(1, "Ann");
        Course math = new Course(10, "Math");
        Course art = new Course(20, "Art");
        StepVerifier.create(this.maker.begin(session -> {
            session.addAll(List.of(ann, math, art));
            session.add(new Enrollment(ann, art, 2));
            session.add(new Enrollment(ann, math, 1));
            return Mono.empty();
        })).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select student_id, course_id, grade from ck_enrollment "
                + "order by course_id"))).map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[1, 10, 1]", "[1, 20, 2]")).verifyComplete();

        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Student.class).options(selectinload(Student_.enrollments)))
                .flatMap(students -> {
                    Enrollment first = students.get(0).getEnrollments().get(0);
                    return AsyncAttrs.fetch(first, Enrollment_.course).map(course -> List.of(students.get(0).getEnrollments(), course));
                })))
                .assertNext(found -> {
                    @SuppressWarnings("unchecked")
                    List<Enrollment> enrollments = (List<Enrollment>) found.get(0);
                    assertThat(enrollments).extracting(Enrollment::getId)
                            .as("@OrderBy: in key order").containsExactly(new EnrollmentId(1, 10), new EnrollmentId(1, 20));
                    assertThat(((Course) found.get(1)).getTitle()).isEqualTo("Math");
                }).verifyComplete();

        StepVerifier.create(this.maker.begin(session -> session.get(Enrollment.class, new EnrollmentId(1, 20)).flatMap(enrollment -> {
            enrollment.setGrade(3);
            return session.get(Enrollment.class, new EnrollmentId(1, 10)).flatMap(session::delete);
        }))).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select student_id, course_id, grade from ck_enrollment")))
                .map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[1, 20, 3]")).verifyComplete();
    }

    @Test
    void deletingSeveralObjectsWithoutAVersionIsOneStatementOverTheirKeys() {
        addAccounts();
        Student ann = new Student(1, "Ann");
        List<Course> courses = List.of(new Course(1, "a"), new Course(2, "b"), new Course(3, "c"));
        StepVerifier.create(this.maker.begin(session -> {
            session.add(ann);
            session.addAll(courses);
            courses.forEach(course -> session.add(new Enrollment(ann, course, 1)));
            return Mono.empty();
        })).verifyComplete();
        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Enrollment.class).where(Enrollment_.id_courseId.lt(3L)))
                .flatMap(gone -> session.delete(gone.get(0)).then(session.delete(gone.get(1)))))).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.startsWith("DELETE")).singleElement().asString()
                .contains("ck_enrollment.student_id = ").contains(" OR ");
        StepVerifier.create(this.maker.use(session -> session.list(select(Enrollment.class))))
                .assertNext(rest -> assertThat(rest).extracting(Enrollment::getId).containsExactly(new EnrollmentId(1, 3)))
                .verifyComplete();
    }

    @Test
    void aKeyWithTheWrongPartsIsRefusedBeforeAnyStatement() {
        assertThatThrownBy(() -> this.maker.use(session -> session.get(TenantAccount.class, "acme")).blockLast())
                .isInstanceOf(InvalidRequestError.class).hasMessageContaining("has 2 parts")
                .hasMessageContaining("TenantAccountKey").hasMessageContaining("tenant (String)");
        assertThatThrownBy(() -> this.maker.use(session -> session.get(TenantAccount.class, new TenantAccountKey())).blockLast())
                .isInstanceOf(InvalidRequestError.class).hasMessageContaining("no value for tenant");
        assertThatThrownBy(() -> this.maker.use(session -> session.get(TenantAccount.class, List.of(1, "acme"))).blockLast())
                .isInstanceOf(InvalidRequestError.class).hasMessageContaining("tenant of TenantAccount is a String");
        StepVerifier.create(this.maker.begin(session -> {
            session.add(new TenantAccount(null, 5, "x"));
            return Mono.empty();
        }))
                .expectErrorSatisfies(error -> assertThat(error).hasMessageContaining("NULL identifier").hasMessageContaining("tenant"))
                .verify();
        assertThat(this.echo.statements()).noneMatch(line -> line.startsWith("SELECT") || line.startsWith("INSERT"));
    }

    private void addTransfers() {
        addAccounts();
        StepVerifier.create(this.maker.begin(session -> session.get(TenantAccount.class, List.of("acme", 2)).flatMap(bob ->
                session.get(TenantAccount.class, List.of("initech", 1)).doOnNext(cid -> {
                    session.add(new Transfer(1, bob, 100));
                    session.add(new Transfer(2, cid, 200));
                    session.add(new Transfer(3, bob, 300));
                })))).expectNextCount(1).verifyComplete();
        this.echo.clear();
    }

    @Test
    void aReferenceToACompositeKeyIsWrittenAndReadThroughBothColumns() {
        addTransfers();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select id, account_tenant, account_number from ck_transfer "
                + "order by id"))).map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[1, acme, 2]", "[2, initech, 1]", "[3, acme, 2]")).verifyComplete();
        StepVerifier.create(this.engine.begin(conn -> conn.execute(Sql.text("insert into ck_transfer (id, cents, account_tenant, "
                + "account_number) values (9, 1, 'acme', 99)")))).as("the foreign key spans both columns")
                .expectError(IntegrityError.class).verify();

        StepVerifier.create(this.maker.use(session -> session.get(Transfer.class, 1).flatMap(transfer -> {
            assertThat(transfer.getAccount()).as("lazy: a placeholder").isInstanceOf(UnloadedReference.class);
            assertThat(((UnloadedReference) transfer.getAccount()).asyncOrmKey()).isEqualTo(List.of("acme", 2L));
            return AsyncAttrs.fetch(transfer, Transfer_.account);
        }))).assertNext(account -> assertThat(account.getOwner()).isEqualTo("Bob")).verifyComplete();

        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Transfer.class).options(selectinload(Transfer_.account))
                .orderBy(Transfer_.id.asc()))))
                .assertNext(transfers -> assertThat(transfers).extracting(transfer -> transfer.getAccount().getOwner())
                        .containsExactly("Bob", "Cid", "Bob")).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.contains("FROM ck_account")).singleElement().asString()
                .contains("ck_account.tenant = ").contains(" OR ");

        StepVerifier.create(this.maker.use(session -> session.list(select(Transfer.class).options(joinedload(Transfer_.account))
                .orderBy(Transfer_.id.asc()))))
                .assertNext(transfers -> assertThat(transfers).extracting(transfer -> transfer.getAccount().getOwner())
                        .containsExactly("Bob", "Cid", "Bob")).verifyComplete();

        StepVerifier.create(this.maker.use(session -> session.list(select(TenantAccount.class)
                .options(selectinload(TenantAccount_.transfers)).orderBy(TenantAccount_.tenant.asc(), TenantAccount_.number.asc()))))
                .assertNext(accounts -> assertThat(accounts).extracting(account -> account.getTransfers().stream().map(Transfer::getId).toList())
                        .containsExactly(List.of(), List.of(1L, 3L), List.of(2L))).verifyComplete();
    }

    @Test
    void aReferenceMovesToAnotherAccountAndACollectionLosesItsElement() {
        addTransfers();
        StepVerifier.create(this.maker.begin(session -> session.get(Transfer.class, 3).flatMap(transfer ->
                session.get(TenantAccount.class, List.of("acme", 1)).doOnNext(transfer::setAccount)))).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.begin(session -> session.get(TenantAccount.class, List.of("initech", 1))
                .flatMap(cid -> AsyncAttrs.fetch(cid, TenantAccount_.transfers).doOnNext(transfers -> {
                    assertThat(cid.getTransfers().get(0).getAccount()).as("the loaded child refers to its parent").isSameAs(cid);
                    cid.getTransfers().clear();
                }))))
                .expectNextCount(1).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select id, account_tenant, account_number from ck_transfer "
                + "order by id"))).map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[1, acme, 2]", "[2, null, null]", "[3, acme, 1]")).verifyComplete();
    }

    @Test
    void aJoinTableOfTwoCompositeKeysHoldsFourColumns() {
        addAccounts();
        StepVerifier.create(this.maker.begin(session -> session.list(select(TenantAccount.class).where(TenantAccount_.tenant.eq("acme")))
                .doOnNext(accounts -> {
                    Project project = new Project("acme", "apollo");
                    project.getMembers().addAll(accounts);
                    session.add(project);
                }))).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.execute(Sql.text("select project_tenant, project_code, tenant_account_tenant, "
                + "tenant_account_number from ck_project_ck_account order by tenant_account_number")))
                .map(result -> result.all().stream().map(row -> row.values().toString()).toList()))
                .assertNext(rows -> assertThat(rows).containsExactly("[acme, apollo, acme, 1]", "[acme, apollo, acme, 2]"))
                .verifyComplete();

        StepVerifier.create(this.maker.begin(session -> session.list(select(Project.class).options(selectinload(Project_.members)))
                .doOnNext(projects -> {
                    Project project = projects.get(0);
                    assertThat(project.getMembers()).extracting(TenantAccount::getOwner).containsExactlyInAnyOrder("Ann", "Bob");
                    project.getMembers().removeIf(member -> member.getOwner().equals("Ann"));
                }))).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Project.class, new ProjectKey("acme", "apollo"))
                .flatMap(project -> AsyncAttrs.fetch(project, Project_.members))))
                .assertNext(members -> assertThat(members).extracting(TenantAccount::getOwner).containsExactly("Bob")).verifyComplete();

        StepVerifier.create(this.maker.begin(session -> session.get(Project.class, new ProjectKey("acme", "apollo")).flatMap(session::delete)))
                .verifyComplete();
        StepVerifier.create(this.engine.connect(conn -> conn.scalar(Sql.text("select count(*) from ck_project_ck_account"))))
                .assertNext(count -> assertThat(((Number) count.orElseThrow()).intValue()).isZero()).verifyComplete();
    }

    @Test
    void aGeneratedPartIsDrawnFromItsSequenceForTheWholeBatchAndClearedByARollback() {
        List<Invoice> invoices = List.of(new Invoice("acme", 100), new Invoice("acme", 200), new Invoice("initech", 300));
        StepVerifier.create(this.maker.begin(session -> {
            session.addAll(invoices);
            return Mono.empty();
        })).verifyComplete();
        assertThat(invoices).extracting(Invoice::getNumber).containsExactly(1000L, 1001L, 1002L);
        assertThat(this.echo.statements()).filteredOn(line -> line.toLowerCase(java.util.Locale.ROOT).contains("ck_invoice_numbers"))
                .as("one sequence round trip for the batch").hasSize(1);
        StepVerifier.create(this.maker.use(session -> session.get(Invoice.class, new InvoiceKey("initech", 1002L))))
                .assertNext(found -> assertThat(found.getTenant()).isEqualTo("initech")).verifyComplete();

        Invoice rolledBack = new Invoice("acme", 1);
        StepVerifier.create(this.maker.use(session -> {
            session.add(rolledBack);
            return session.flush().doOnSuccess(done -> assertThat(rolledBack.getNumber()).isEqualTo(1003L)).then(session.rollback());
        })).verifyComplete();
        assertThat(rolledBack.getNumber()).as("the generated part is cleared, the assigned one kept").isNull();
        assertThat(rolledBack.getTenant()).isEqualTo("acme");
    }

    @Test
    void aOneToOneToACompositeKeyIsUniqueOverBothColumnsAndLoadsEagerly() {
        addAccounts();
        StepVerifier.create(this.maker.begin(session -> session.get(TenantAccount.class, List.of("acme", 1))
                .doOnNext(ann -> session.add(new AccountProfile(1, ann, "hi"))))).expectNextCount(1).verifyComplete();
        StepVerifier.create(this.maker.begin(session -> session.get(TenantAccount.class, List.of("acme", 1))
                .doOnNext(ann -> session.add(new AccountProfile(2, ann, "again"))).then())).expectError(IntegrityError.class).verify();
        StepVerifier.create(this.maker.use(session -> session.get(AccountProfile.class, 1)))
                .assertNext(profile -> assertThat(profile.getAccount().getOwner()).as("loaded with the profile").isEqualTo("Ann"))
                .verifyComplete();
    }
}
