package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static org.assertj.core.api.Assertions.assertThat;

import io.asyncorm.exception.IntegrityError;
import io.asyncorm.orm.model.Badge;
import io.asyncorm.orm.model.Employee;
import io.asyncorm.orm.model.Passport;
import io.asyncorm.orm.model.Person;
import io.asyncorm.orm.model.Seat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Unique values moving between rows in one flush, and a row deleted and inserted again: the unit of work orders its
 * statements so that no row holds a unique value another row still has (nullable values let go first, chains run in
 * order, a row that is deleted gives its value up before the row that takes it is written, the same key deleted and
 * added is one UPDATE as in SQLAlchemy's "row switch"). A cycle over NOT NULL values is left to the database.
 */
abstract class AbstractFlushOrderIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry MOVES = Registry.of(Seat.class, Person.class, Passport.class);

    private AsyncSessionMaker seats;

    @BeforeEach
    void createSeats() {
        this.engine.begin(conn -> MOVES.metadata().dropAll(conn, true).then(MOVES.metadata().createAll(conn))).blockLast();
        this.seats = AsyncSessionMaker.builder(this.engine, MOVES).expireOnCommit(false).build();
        this.seats.begin(session -> {
            session.addAll(List.of(new Seat(1, 1, "A"), new Seat(2, 2, "B"), new Seat(3, 3, "C")));
            Person ann = new Person(1, "ann");
            Person bob = new Person(2, "bob");
            session.addAll(List.of(ann, bob, new Passport(10, "p10", ann), new Passport(20, "p20", bob)));
            return Mono.empty();
        }).blockLast();
        this.echo.clear();
    }

    @AfterEach
    void dropSeats() {
        this.engine.begin(conn -> MOVES.metadata().dropAll(conn, true)).blockLast();
    }

    private Map<Integer, String> seatRows() {
        return this.seats.use(session -> session.list(select(Seat.class))).single().map(all -> {
            Map<Integer, String> rows = new TreeMap<>();
            all.forEach(seat -> rows.put(seat.getId(), seat.getPosition() + "/" + seat.getCode()));
            return rows;
        }).block();
    }

    private Mono<Map<Integer, Seat>> seatsOf(AsyncSession session) {
        return session.list(select(Seat.class)).map(all -> {
            Map<Integer, Seat> byId = new TreeMap<>();
            all.forEach(seat -> byId.put(seat.getId(), seat));
            return byId;
        });
    }

    @Test
    void twoRowsSwapANullableUniqueValue() {
        StepVerifier.create(this.seats.begin(session -> seatsOf(session).flatMap(seats -> {
            seats.get(1).setPosition(2);
            seats.get(2).setPosition(1);
            return session.flush();
        }))).verifyComplete();
        assertThat(seatRows()).containsEntry(1, "2/A").containsEntry(2, "1/B").containsEntry(3, "3/C");
        List<String> updates = statements("UPDATE");
        assertThat(updates).as("both let go of the value first, then take the new one").hasSize(2);
        assertThat(updates.get(0)).contains("position");
    }

    @Test
    void aNotNullUniqueValueMovesAlongAChainInOrder() {
        // Seat 1 takes seat 2's code, seat 2 takes seat 3's, seat 3 a new one: written 3, 2, 1.
        StepVerifier.create(this.seats.begin(session -> seatsOf(session).flatMap(seats -> {
            seats.get(1).setCode("B");
            seats.get(2).setCode("C");
            seats.get(3).setCode("D");
            return session.flush();
        }))).verifyComplete();
        assertThat(seatRows()).containsEntry(1, "1/B").containsEntry(2, "2/C").containsEntry(3, "3/D");
    }

    @Test
    void aCycleOfNotNullUniqueValuesIsLeftToTheDatabase() {
        StepVerifier.create(this.seats.begin(session -> seatsOf(session).flatMap(seats -> {
            seats.get(1).setCode("B");
            seats.get(2).setCode("A");
            return session.flush();
        }))).expectError(IntegrityError.class).verify();
        assertThat(seatRows()).as("nothing written").containsEntry(1, "1/A").containsEntry(2, "2/B");
    }

    @Test
    void aRowDeletedGivesItsUniqueValueToARowInsertedInTheSameFlush() {
        StepVerifier.create(this.seats.begin(session -> seatsOf(session).flatMap(seats -> {
            session.add(new Seat(4, 3, "C"));
            return session.delete(seats.get(3)).then(session.flush());
        }))).verifyComplete();
        assertThat(seatRows()).containsEntry(4, "3/C").doesNotContainKey(3);
        List<String> writes = this.echo.statements().stream().filter(sql -> sql.startsWith("DELETE") || sql.contains("INSERT INTO")).toList();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).startsWith("DELETE FROM orm_seat");
    }

    @Test
    void theSameKeyDeletedAndAddedIsOneUpdate() {
        StepVerifier.create(this.seats.begin(session -> seatsOf(session).flatMap(seats -> session.delete(seats.get(1))
                .then(Mono.fromRunnable(() -> session.add(new Seat(1, 9, "Z")))).then(session.flush())))).verifyComplete();
        assertThat(seatRows()).containsEntry(1, "9/Z");
        assertThat(statements("DELETE")).isEmpty();
        assertThat(statements("INSERT")).isEmpty();
        assertThat(statements("UPDATE")).hasSize(1);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"both sides set", "the owning side set"})
    void twoPeopleSwapTheirPassports(String sides) {
        StepVerifier.create(this.seats.begin(session -> session.get(Person.class, 1).zipWhen(ann -> session.get(Person.class, 2))
                .flatMap(people -> {
                    Person ann = people.getT1();
                    Person bob = people.getT2();
                    Passport annsPassport = ann.getPassport();
                    Passport bobsPassport = bob.getPassport();
                    annsPassport.setPerson(bob);
                    bobsPassport.setPerson(ann);
                    if (sides.equals("both sides set")) {
                        ann.setPassport(bobsPassport);
                        bob.setPassport(annsPassport);
                    }
                    return session.flush();
                }))).verifyComplete();
        StepVerifier.create(this.seats.use(session -> session.get(Person.class, 1).map(ann -> ann.getPassport().getId())))
                .expectNext(20).verifyComplete();
    }

    @Test
    void aNotNullOneToOneChildDeletedAndReplacedInOneFlush() {
        addWorkerAndBoss();
        this.maker.begin(session -> session.list(select(Employee.class)).flatMap(all -> {
            all.stream().filter(e -> e.getName().equals("worker")).forEach(worker -> session.add(new Badge(worker)));
            return Mono.empty();
        })).blockLast();
        this.echo.clear();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Badge.class)).flatMap(badges -> {
            Badge old = badges.get(0);
            return session.delete(old).then(Mono.fromRunnable(() -> session.add(new Badge(old.getEmployee())))).then(session.flush());
        }))).verifyComplete();
        List<String> writes = this.echo.statements().stream().filter(sql -> sql.startsWith("DELETE") || sql.contains("INSERT INTO")).toList();
        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).startsWith("DELETE FROM orm_badge");
        assertThat(count("orm_badge")).isOne();
    }
}
