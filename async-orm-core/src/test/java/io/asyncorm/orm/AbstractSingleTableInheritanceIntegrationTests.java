package io.asyncorm.orm;

import static io.asyncorm.orm.Orm.select;
import static io.asyncorm.orm.Orm.selectinload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.asyncorm.exception.MappingError;
import io.asyncorm.orm.hierarchy.Car;
import io.asyncorm.orm.hierarchy.Car_;
import io.asyncorm.orm.hierarchy.Garage;
import io.asyncorm.orm.hierarchy.Garage_;
import io.asyncorm.orm.hierarchy.Truck;
import io.asyncorm.orm.hierarchy.Van;
import io.asyncorm.orm.hierarchy.Vehicle;
import io.asyncorm.orm.hierarchy.Vehicle_;
import jakarta.persistence.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Single-table inheritance: one table for an abstract root and three subclasses (one a subclass of another), a
 * discriminator column, polymorphic queries and gets, subclass queries filtered by discriminator, writes of each
 * class's own columns, and a one-to-many whose elements are of several classes.
 */
abstract class AbstractSingleTableInheritanceIntegrationTests extends OrmIntegrationTestSupport {

    private static final Registry VEHICLES = Registry.of(Garage.class, Vehicle.class, Car.class, Truck.class, Van.class);

    @Override
    protected Registry registry() {
        return VEHICLES;
    }

    private void addVehicles() {
        StepVerifier.create(this.maker.begin(session -> {
            Garage garage = new Garage(1, "main");
            session.add(garage);
            session.add(new Car(1, "CAR-1", garage, 4));
            session.add(new Truck(2, "TRK-2", garage, 1000));
            session.add(new Van(3, "VAN-3", garage, 500, true));
            return Mono.empty();
        })).verifyComplete();
        this.echo.clear();
    }

    @Test
    void eachRowNamesItsClassAndHoldsOnlyItsColumns() {
        addVehicles();
        assertThat(rows("select id, kind, seats, payload, roof_rack, depot_id from ih_vehicle order by id"))
                .containsExactly("[1, car, 4, null, null, null]", "[2, truck, null, 1000, null, 1]", "[3, van, null, 500, true, 1]");
    }

    @Test
    void aQueryOfTheRootReturnsEachRowAsItsOwnClass() {
        addVehicles();
        StepVerifier.create(this.maker.use(session -> session.list(select(Vehicle.class).orderBy(Vehicle_.id.asc()))))
                .assertNext(vehicles -> {
                    assertThat(vehicles).extracting(Object::getClass).containsExactly(Car.class, Truck.class, Van.class);
                    assertThat(((Car) vehicles.get(0)).getSeats()).isEqualTo(4);
                    assertThat(((Van) vehicles.get(2)).getPayload()).isEqualTo(500L);
                    assertThat(((Van) vehicles.get(2)).getRoofRack()).isTrue();
                    assertThat(((Truck) vehicles.get(1)).getDepot()).as("a subclass's eager reference, loaded for its rows")
                            .isNotNull().isSameAs(((Van) vehicles.get(2)).getDepot());
                }).verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.contains("FROM ih_vehicle")).singleElement().asString()
                .doesNotContain("kind IN");

        this.echo.clear();
        StepVerifier.create(this.maker.use(session -> session.list(select(Truck.class).orderBy(Vehicle_.id.asc()))))
                .assertNext(trucks -> assertThat(trucks).extracting(Object::getClass).containsExactly(Truck.class, Van.class))
                .verifyComplete();
        assertThat(this.echo.statements()).filteredOn(line -> line.contains("FROM ih_vehicle")).singleElement().asString()
                .contains("ih_vehicle.kind IN");
        StepVerifier.create(this.maker.use(session -> session.<Vehicle>streamScalars(select(Vehicle.class).orderBy(Vehicle_.id.asc()))
                .flatMapMany(result -> result.rows()).map(vehicle -> vehicle.getClass().getSimpleName()).collectList()))
                .assertNext(names -> assertThat(names).containsExactly("Car", "Truck", "Van")).verifyComplete();
    }

    @Test
    void getByKeyFindsTheRowsClassAndASubclassGetOfAnotherClassFindsNothing() {
        addVehicles();
        StepVerifier.create(this.maker.use(session -> session.get(Vehicle.class, 1).flatMap(car -> session.get(Car.class, 1)
                .map(again -> List.of(car, again)).flatMap(both -> session.get(Truck.class, 1).hasElement()
                        .map(truckFound -> List.of(both.get(0), both.get(1), truckFound))))))
                .assertNext(found -> {
                    assertThat(found.get(0)).isInstanceOf(Car.class).isSameAs(found.get(1));
                    assertThat(found.get(2)).as("a car is not a truck, from the identity map").isEqualTo(false);
                }).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Truck.class, 1))).as("nor from a query").verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Truck.class, 3)))
                .assertNext(van -> assertThat(van).isInstanceOf(Van.class)).verifyComplete();
    }

    @Test
    void updatesAndDeletesWriteTheSharedTable() {
        addVehicles();
        StepVerifier.create(this.maker.begin(session -> session.list(select(Car.class).where(Car_.seats.eq(4)))
                .flatMap(cars -> {
                    cars.get(0).setSeats(5);
                    return session.get(Vehicle.class, 2).flatMap(session::delete);
                }))).verifyComplete();
        assertThat(rows("select id, kind, seats, version from ih_vehicle order by id"))
                .containsExactly("[1, car, 5, 1]", "[3, van, null, 0]");
    }

    @Test
    void aCollectionHoldsObjectsOfEachClass() {
        addVehicles();
        StepVerifier.create(this.maker.use(session -> session.list(select(Garage.class).options(selectinload(Garage_.vehicles)))))
                .assertNext(garages -> assertThat(garages.get(0).getVehicles()).extracting(Object::getClass)
                        .containsExactly(Car.class, Truck.class, Van.class)).verifyComplete();
        StepVerifier.create(this.maker.use(session -> session.get(Car.class, 1).flatMap(car -> AsyncAttrs.fetch(car, Vehicle_.garage))))
                .assertNext(garage -> assertThat(garage.getVehicles()).isNotNull()).verifyComplete();
    }

    @Entity
    @jakarta.persistence.Table(name = "own_table")
    static class OwnTable extends Vehicle {
        String name;
    }

    @Entity
    static class SubclassKey extends Vehicle {
        @jakarta.persistence.Version
        Long revision;
    }

    @Test
    void whatIsNotSupportedIsRefusedWhenTheRegistryIsBuilt() {
        assertThatThrownBy(() -> Registry.of(Garage.class, Vehicle.class, OwnTable.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("shares its root's table");
        assertThatThrownBy(() -> Registry.of(Garage.class, Vehicle.class, SubclassKey.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("the key and the version belong to the root Vehicle");
        assertThatThrownBy(() -> Registry.of(Garage.class, Car.class)).isInstanceOf(MappingError.class)
                .hasMessageContaining("add the hierarchy's root to Registry.of");
    }
}
