package io.liveroom.media;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Resizing decoded pictures (on the media workers): bilinear steps of at most one half, for smooth thumbnails. */
final class Scaling {
  private Scaling() {
  }

  /** {@code src} scaled down so its longer side is at most {@code maxSide}; never scaled up. */
  static BufferedImage fit(BufferedImage src, int maxSide) {
    boolean alpha = src.getColorModel().hasAlpha();
    int w = src.getWidth();
    int h = src.getHeight();
    int longer = Math.max(w, h);
    if (longer <= maxSide) {
      return src;
    }
    int targetW = Math.max(1, (int) Math.round((double) w * maxSide / longer));
    int targetH = Math.max(1, (int) Math.round((double) h * maxSide / longer));
    BufferedImage current = src;
    // Halving first keeps bilinear sampling from skipping pixels on large reductions.
    while (current.getWidth() / 2 >= targetW && current.getHeight() / 2 >= targetH) {
      current = draw(current, current.getWidth() / 2, current.getHeight() / 2, alpha);
    }
    return draw(current, targetW, targetH, alpha);
  }

  /** {@code src} drawn into a new plain RGB or ARGB image of the given size. */
  static BufferedImage draw(BufferedImage src, int width, int height, boolean alpha) {
    BufferedImage out = new BufferedImage(width, height, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      if (!alpha) {
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
      }
      g.setComposite(AlphaComposite.SrcOver);
      g.drawImage(src, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }
}
