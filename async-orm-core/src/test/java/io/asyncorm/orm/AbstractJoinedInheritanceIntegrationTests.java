package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.joinedload;
import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.ArgumentError;
import io.asyncorm.exception.MappingError;
import io.asyncorm.exception.StaleDataError;
import io.asyncorm.orm.joined.Company;
import io.asyncorm.orm.joined.Company_;
import io.asyncorm.orm.joined.Director;
import io.asyncorm.orm.joined.Director_;
import io.asyncorm.orm.joined.Employee;
import io.asyncorm.orm.joined.Employee_;
import io.asyncorm.orm.joined.Engineer;
import io.asyncorm.orm.joined.Engineer_;
import io.asyncorm.orm.joined.Manager;
import io.asyncorm.orm.joined.Manager_;
import io.asyncorm.sql.Sql;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * JOINED inheritance: a concrete root and three subclasses (one a subclass of another), each class's columns in a table
 * of its own keyed by the root's generated key. Rows are written to every table of their class in key order (root
 * first; DELETE the other way), read through one SELECT that outer-joins the tables, and updated table by table with the
 * version checked in the root's.
 */
abstract class AbstractJoinedInheritanceIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry STAFF = Registry.of(Company.class, Employee.class, Engineer.class, Manager.class, Director.class);

    @Override
    protected Registry registry() {
        return STAFF;
    }

    /**
     * Adds one employee of each class to company 1: ids 1 (employee), 2 (engineer), 3 (manager), 4 (director, whose
     * board is company 2).
     */
    private void addStaff() {
        StepVerifier.create(this.maker.begin(session -> {
            Company company = new Company(1, "acme");
            session.add(company);
            session.add(new Employee("ann", company));
            return session.flush().then(Mono.defer(() -> {
                session.add(new Engineer("bob", company, "java", "a long resume"));
                return session.flush();
            })).then(Mono.defer(() -> {
                session.add(new Manager("cid", company, 1000));
                return session.flush();
            })).then(Mono.defer(() -> {
                Company holding = new Company(2, "holding");
                session.add(holding);
                session.add(new Director("dee", company, 5000, "saab", holding));
                return session.flush();
            }));
        })).verifyComplete();
        this.echo.clear();
    }

    @Test
    void eachObjectIsWrittenToTheTablesOfItsClassRootFirst() {
        addStaff();
        assertThat(rows("select id, type, name, version from ij_employee order by id")).containsExactly("[1, employee, ann, 0]",
                "[2, engineer, bob, 0]", "[3, manager, cid, 0]", "[4, director, dee, 0]");
        assertThat(rows("select id, language, resume from ij_engineer")).containsExactly("[2, java, a long resume]");
        assertThat(rows("select id, budget, managed_id from ij_manager order by id")).containsExactly("[3, 1000, 1]", "[4, 5000, 1]");
        assertThat(rows("select director_id, car from ij_director")).containsExactly("[4, saab]");

        StepVerifier.create(this.maker.begin(session -> session.get(Company.class, 1L).flatMap(company -> {
            Director director = new Director("eve", company, 1, "fiat", company);
            session.add(director);
            return session.flush().then(Mono.fromCallable(director::getId));
        }))).as("the root's generated key, in every table").expectNext(5L).verifyComplete();
        assertThat(insertedTables()).containsExactly("ij_employee", "ij_manager", "ij_director");
        assertThat(rows("select director_id, car from ij_director order by director_id")).containsExactly("[4, saab]", "[5, fiat]");
    }

    @Test
    void aQueryOfTheRootReturnsEachRowAsItsClassInOneStatement() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class).orderBy(Employee_.id.asc()))))
                .assertNext(staff -> {
                    assertThat(staff).extracting(Object::getClass)
                            .containsExactly(Employee.class, Engineer.class, Manager.class, Director.class);
                    assertThat(((Engineer) staff.get(1)).getLanguage()).isEqualTo("java");
                    assertThat(((Manager) staff.get(2)).getBudget()).isEqualTo(1000);
                    assertThat(((Director) staff.get(3)).getCar()).isEqualTo("saab");
                    assertThat(((Director) staff.get(3)).getBudget()).isEqualTo(5000);
                    assertThat(((Manager) staff.get(2)).getManaged()).as("a subclass's eager reference").isNotNull()
                            .isSameAs(((Director) staff.get(3)).getManaged());
                }).verifyComplete();
        assertThat(statements("SELECT")).filteredOn(line -> line.contains("FROM ij_employee")).singleElement().asString()
                .contains("LEFT OUTER JOIN ij_engineer", "LEFT OUTER JOIN ij_manager", "LEFT OUTER JOIN ij_director")
                .doesNotContain("type IN");

        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Manager.class).where(Manager_.budget.gt(500L))
                .orderBy(Employee_.id.asc()))))
                .assertNext(managers -> assertThat(managers).extracting(Object::getClass).containsExactly(Manager.class, Director.class))
                .verifyComplete();
        assertThat(statements("SELECT")).filteredOn(line -> line.contains("FROM ij_employee")).singleElement().asString()
                .contains("ij_employee.type IN");
        StepVerifier.create(this.maker.use(session -> session.<Employee>streamScalars(select(Employee.class).orderBy(Employee_.id.asc()))
                .flatMapMany(result -> result.rows()).map(employee -> employee.getClass().getSimpleName()).collectList()))
                .assertNext(names -> assertThat(names).containsExactly("Employee", "Engineer", "Manager", "Director")).verifyComplete();
    }

    @Test
    void getByKeyFindsTheRowsClassAndASubclassGetOfAnotherClassFindsNothing() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.get(Employee.class, 4L).flatMap(director -> session.get(Manager.class, 4L)
                .map(again -> List.of(director, again)))))
                .assertNext(found -> assertThat(found.get(0)).isInstanceOf(Director.class).isSameAs(found.get(1))).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Engineer.class, 3L))).as("a manager is not an engineer")
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Director.class, 4L).map(Director::getCar)))
                .expectNext("saab").verifyComplete();
    }

    @Test
    void anUpdateWritesEachChangedTableAndAdvancesTheVersionInTheRoots() {
        addStaff();
        StepVerifier.create(this.maker.begin(session -> session.get(Director.class, 4L).doOnNext(director -> {
            director.setName("dora");
            director.setCar("volvo");
        }).then(session.flush()))).verifyComplete();
        assertThat(statements("UPDATE")).hasSize(2);
        assertThat(statements("UPDATE").get(0)).startsWith("UPDATE ij_employee SET name").contains("version");
        assertThat(statements("UPDATE").get(1)).startsWith("UPDATE ij_director SET car").contains("director_id");

        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.get(Manager.class, 3L).doOnNext(manager -> manager.setBudget(2000))
                .then(session.flush()))).verifyComplete();
        assertThat(statements("UPDATE")).as("only a subclass's column: the root's row still takes the version").hasSize(2);
        assertThat(statements("UPDATE").get(0)).startsWith("UPDATE ij_employee SET version");
        assertThat(statements("UPDATE").get(1)).startsWith("UPDATE ij_manager SET budget");
        assertThat(rows("select e.id, e.name, e.version, m.budget, d.car from ij_employee e join ij_manager m on m.id = e.id "
                + "left join ij_director d on d.director_id = e.id order by e.id"))
                .containsExactly("[3, cid, 1, 2000, null]", "[4, dora, 1, 5000, volvo]");
    }

    @Test
    void aStaleVersionFailsTheUpdateAndWritesNoTable() {
        addStaff();
        StepVerifier.create(this.maker.begin(session -> session.get(Manager.class, 3L).flatMap(manager -> this.engine
                .begin(conn -> conn.execute(Sql.text("update ij_employee set version = 7 where id = 3"))).then()
                .then(Mono.fromRunnable(() -> manager.setBudget(9))).then(session.flush()))))
                .verifyError(StaleDataError.class);
        assertThat(rows("select budget from ij_manager where id = 3")).containsExactly("[1000]");
    }

    @Test
    void aDeleteRemovesTheRowFromEachTableLeafFirst() {
        addStaff();
        StepVerifier.create(this.maker.begin(session -> session.get(Employee.class, 4L).flatMap(session::delete))).verifyComplete();
        assertThat(statements("DELETE")).extracting(line -> line.split(" ")[2]).containsExactly("ij_director", "ij_manager", "ij_employee");
        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.get(Engineer.class, 2L).flatMap(session::delete))).verifyComplete();
        assertThat(statements("DELETE")).extracting(line -> line.split(" ")[2]).containsExactly("ij_engineer", "ij_employee");
        assertThat(rows("select id, type from ij_employee order by id")).containsExactly("[1, employee]", "[3, manager]");
        assertThat(rows("select count(*) from ij_director")).containsExactly("[0]");
    }

    @Test
    void relationshipsLoadObjectsOfEachClassByEveryStrategy() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.list(select(Company.class).orderBy(Company_.id.asc()).options(selectinload(Company_.employees),
                selectinload(Company_.managers)))))
                .assertNext(companies -> {
                    assertThat(companies.get(0).getEmployees()).extracting(Object::getClass)
                            .containsExactly(Employee.class, Engineer.class, Manager.class, Director.class);
                    assertThat(companies.get(0).getManagers()).extracting(Object::getClass).containsExactly(Manager.class, Director.class);
                }).verifyComplete();
        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.execute(select(Company.class).where(Company_.id.eq(1L))
                .options(joinedload(Company_.employees), joinedload(Company_.managers)))
                .map(result -> result.unique().<Company>scalars().one())))
                .assertNext(company -> {
                    assertThat(company.getEmployees()).extracting(Employee::getName).containsExactly("ann", "bob", "cid", "dee");
                    assertThat(company.getManagers()).extracting(Object::getClass).containsExactly(Manager.class, Director.class);
                    assertThat(((Director) company.getManagers().get(1)).getCar()).isEqualTo("saab");
                }).verifyComplete();
        assertThat(statements("SELECT")).hasSize(1);
        StepVerifier.create(this.maker.use(session -> session.get(Director.class, 4L)
                .flatMap(director -> AsyncAttrs.fetch(director, Employee_.company))))
                .assertNext(company -> assertThat(company.getId()).isEqualTo(1L)).verifyComplete();
    }

    @Test
    void anOptionOnASubclassRelationshipLoadsItForThatClassInAQueryOfTheRoot() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class).orderBy(Employee_.id.asc())
                .options(selectinload(Director_.board)))))
                .assertNext(staff -> assertThat(((Director) staff.get(3)).getBoard()).isExactlyInstanceOf(Company.class))
                .verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class).orderBy(Employee_.id.asc()))))
                .assertNext(staff -> assertThat(((Director) staff.get(3)).getBoard()).as("lazy: a placeholder")
                        .isNotExactlyInstanceOf(Company.class)).verifyComplete();
        assertThatThrownBy(() -> select(Employee.class).options(joinedload(Director_.board))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("loads by selectinload");
        assertThatThrownBy(() -> select(Engineer.class).options(selectinload(Manager_.managed))).isInstanceOf(ArgumentError.class)
                .hasMessageContaining("starts at Manager, but the query returns Engineer");
    }

    @Test
    void aDeferredColumnOfASubclassTableLoadsOnRequest() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.get(Engineer.class, 2L).flatMap(engineer -> {
            assertThat(engineer.getResume()).as("deferred").isNull();
            assertThat(engineer.getLanguage()).isEqualTo("java");
            return AsyncAttrs.fetch(engineer, Engineer_.resume);
        }))).expectNext("a long resume").verifyComplete();
        assertThat(statements("SELECT")).last().asString().contains("ij_engineer.resume").doesNotContain("NULL AS");
        StepVerifier.create(this.maker.use(session -> session.list(select(Employee.class).orderBy(Employee_.id.asc()))
                .flatMap(staff -> {
                    Engineer engineer = (Engineer) staff.get(1);
                    assertThat(engineer.getResume()).as("deferred in a query of the root too").isNull();
                    return AsyncAttrs.fetch(engineer, Engineer_.resume);
                }))).expectNext("a long resume").verifyComplete();
    }

    @Test
    void aSubclassQueryFiltersOnItsOwnTablesColumns() {
        addStaff();
        StepVerifier.create(this.maker.use(session -> session.list(select(Director.class).where(Director_.car.eq("saab")))))
                .assertNext(directors -> assertThat(directors).extracting(Director::getName).containsExactly("dee")).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.execute(select(Engineer.class).where(Engineer_.language.eq("java")))
                .map(result -> result.scalars().all().size()))).expectNext(1).verifyComplete();
    }

    @Entity
    @Inheritance(strategy = InheritanceType.TABLE_PER_CLASS)
    abstract static class PerClass {
        @Id
        Long id;
    }

    @Entity
    static class PerClassChild extends PerClass {
        String name;
    }

    @Test
    void whatIsNotSupportedIsRefusedWhenTheRegistryIsBuilt() {
        assertThatThrownBy(() -> Registry.of(PerClass.class, PerClassChild.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("TABLE_PER_CLASS) is not supported");
        assertThatThrownBy(() -> Registry.of(Company.class, Employee.class, Director.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("add Manager to Registry.of");
    }
}
