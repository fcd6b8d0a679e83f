package io.liveroom.geo;

/**
 * Snaps positions to a fixed, global grid of roughly square cells {@code cellMeters} on a side:
 * rows of equal latitude height, each row cut into equal longitude slices sized for its latitude.
 * The grid does not depend on the user or on time, so repeated updates from inside one cell always
 * land on the same centre and reveal nothing finer than the cell.
 *
 * <p>Latitudes are clamped to ±85° first: Redis GEO cannot store positions beyond ±85.05°.
 */
public final class LocationGrid {
  static final double METERS_PER_DEGREE = 111_320.0;
  static final double EARTH_RADIUS_METERS = 6_371_008.8;
  static final double MAX_LAT = 85.0;

  private final int cellMeters;
  private final double latStep;

  public LocationGrid(int cellMeters) {
    this.cellMeters = cellMeters;
    this.latStep = cellMeters / METERS_PER_DEGREE;
  }

  public int cellMeters() {
    return cellMeters;
  }

  public GridCell snap(double lat, double lng) {
    double clampedLat = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
    long row = (long) Math.floor(clampedLat / latStep);
    double centreLat = (row + 0.5) * latStep;
    long columns = columnsInRow(centreLat);
    double lngStep = 360.0 / columns;
    long col = Math.min(columns - 1, (long) Math.floor((lng + 180.0) / lngStep));
    double centreLng = -180.0 + (col + 0.5) * lngStep;
    return new GridCell(row, col, centreLat, centreLng);
  }

  /** Whole columns per row, so the antimeridian never leaves a sliver cell. */
  private long columnsInRow(double centreLat) {
    double metersPerDegreeLng = METERS_PER_DEGREE * Math.cos(Math.toRadians(centreLat));
    return Math.max(1, (long) Math.floor(360.0 * metersPerDegreeLng / cellMeters));
  }

  /** The longest distance between two points of one cell (its diagonal), with a margin. */
  public double cellDiagonalMeters() {
    return cellMeters * Math.sqrt(2) * 1.05;
  }

  /** Great-circle distance in metres (haversine). */
  public static double distanceMeters(double lat1, double lng1, double lat2, double lng2) {
    double dLat = Math.toRadians(lat2 - lat1);
    double dLng = Math.toRadians(lng2 - lng1);
    double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
      + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.sin(dLng / 2) * Math.sin(dLng / 2);
    return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(a)));
  }

  public static double distanceMeters(GridCell a, GridCell b) {
    return distanceMeters(a.lat(), a.lng(), b.lat(), b.lng());
  }
}
