package io.liveroom.geo;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

@DisplayName("The location grid snaps positions to cell centres that reveal nothing finer than a cell")
class LocationGridTest {
  private final LocationGrid grid = new LocationGrid(500);

  @Test
  @DisplayName("Every position snaps to a centre less than half a cell diagonal away, and the centre is its own cell")
  void snapsNearbyAndIdempotently() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      double lat = random.nextDouble() * 170 - 85;
      double lng = random.nextDouble() * 360 - 180;
      GridCell cell = grid.snap(lat, lng);
      assertThat(LocationGrid.distanceMeters(lat, lng, cell.lat(), cell.lng()))
        .isLessThanOrEqualTo(grid.cellDiagonalMeters() / 2);
      assertThat(grid.snap(cell.lat(), cell.lng())).isEqualTo(cell);
    }
  }

  @Test
  @DisplayName("Points a few metres apart inside one cell get exactly the same centre")
  void sameCellSameCentre() {
    GridCell cell = grid.snap(31.2304, 121.4737);
    double metre = 1 / LocationGrid.METERS_PER_DEGREE;
    for (int dx = -100; dx <= 100; dx += 5) {
      GridCell other = grid.snap(cell.lat() + dx * metre, cell.lng() + dx * metre);
      assertThat(other).isEqualTo(cell);
    }
  }

  @Test
  @DisplayName("Cells are about the configured size at the equator and at 60 degrees north")
  void cellSize() {
    for (double lat : new double[] {0.1, 60.1}) {
      GridCell a = grid.snap(lat, 10.0);
      GridCell east = grid.snap(a.lat(), a.lng() + 600 / (LocationGrid.METERS_PER_DEGREE * Math.cos(Math.toRadians(lat))));
      GridCell north = grid.snap(a.lat() + 600 / LocationGrid.METERS_PER_DEGREE, a.lng());
      assertThat(LocationGrid.distanceMeters(a, east)).isCloseTo(500, within(25.0));
      // Rows differ in column width, so the row above is offset sideways: compare heights only.
      assertThat((north.lat() - a.lat()) * LocationGrid.METERS_PER_DEGREE).isCloseTo(500, within(1.0));
    }
  }

  @Test
  @DisplayName("The antimeridian and the poles stay storable: longitudes within ±180, latitudes within Redis' ±85.05")
  void edges() {
    assertThat(grid.snap(10, 180).lng()).isBetween(-180.0, 180.0);
    assertThat(grid.snap(10, -180).lng()).isBetween(-180.0, 180.0);
    assertThat(grid.snap(90, 0).lat()).isLessThan(85.05);
    assertThat(grid.snap(-90, 0).lat()).isGreaterThan(-85.05);
  }

  @Test
  @DisplayName("Distances become coarse buckets and nothing is listed beyond 10 km")
  void buckets() {
    assertThat(DistanceBucket.of(0)).contains(DistanceBucket.UNDER_1_KM);
    assertThat(DistanceBucket.of(999)).contains(DistanceBucket.UNDER_1_KM);
    assertThat(DistanceBucket.of(1000)).contains(DistanceBucket.KM_1_TO_3);
    assertThat(DistanceBucket.of(4999)).contains(DistanceBucket.KM_3_TO_5);
    assertThat(DistanceBucket.of(9999)).contains(DistanceBucket.KM_5_TO_10);
    assertThat(DistanceBucket.of(10_000)).isEmpty();
  }

  @Test
  @DisplayName("Region codes are standard geohashes of the configured length")
  void regionCodes() {
    // The geohash of 57.64911, 10.40744 is u4pruydqqvj (the reference example of the format).
    assertThat(RegionCodes.encode(57.64911, 10.40744, 4)).isEqualTo("u4pr");
    assertThat(RegionCodes.encode(57.64911, 10.40744, 11)).isEqualTo("u4pruydqqvj");
    assertThat(RegionCodes.isValid("u4pr", 4)).isTrue();
    assertThat(RegionCodes.isValid("mine", 4)).isFalse();
    assertThat(RegionCodes.isValid("u4p", 4)).isFalse();
  }
}
