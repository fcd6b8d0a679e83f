package io.liveroom.geo;

import java.util.regex.Pattern;

/**
 * Region codes for the regional hot list: standard geohashes of a fixed, short length (4
 * characters is about 39 x 20 km, a city). A region is derived from a grid-cell centre, never from
 * an exact position, or picked by the host from the same code space.
 */
public final class RegionCodes {
  private static final String BASE32 = "0123456789bcdefghjkmnpqrstuvwxyz";
  private static final Pattern VALID = Pattern.compile("[0-9b-hjkmnp-z]+");

  private RegionCodes() {
  }

  public static String encode(double lat, double lng, int precision) {
    double[] latRange = {-90.0, 90.0};
    double[] lngRange = {-180.0, 180.0};
    StringBuilder out = new StringBuilder(precision);
    boolean lngBit = true;
    int bits = 0;
    int ch = 0;
    while (out.length() < precision) {
      double[] range = lngBit ? lngRange : latRange;
      double value = lngBit ? lng : lat;
      double mid = (range[0] + range[1]) / 2;
      ch <<= 1;
      if (value >= mid) {
        ch |= 1;
        range[0] = mid;
      } else {
        range[1] = mid;
      }
      lngBit = !lngBit;
      if (++bits == 5) {
        out.append(BASE32.charAt(ch));
        bits = 0;
        ch = 0;
      }
    }
    return out.toString();
  }

  public static boolean isValid(String code, int precision) {
    return code != null && code.length() == precision && VALID.matcher(code).matches();
  }
}
