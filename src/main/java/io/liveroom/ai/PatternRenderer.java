package io.liveroom.ai;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;

/**
 * The simulated provider's "painting": a real PNG drawn from a generator seeded with the prompt's
 * (and style's) hash, so the same prompt always gives the same picture, and a different one a
 * visibly different picture. {@code detail} (0..1] draws only the first part of the shapes, which
 * is what a partial preview shows. Blocking and CPU-bound: call it on a worker only.
 */
final class PatternRenderer {
  private static final int SHAPES = 24;

  private PatternRenderer() {
  }

  static byte[] render(String prompt, String style, int width, int height, double detail) {
    long seed = prompt.hashCode() * 31L + (style == null ? 0 : style.hashCode());
    Random random = new Random(seed);
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setPaint(new GradientPaint(0, 0, color(random, 255), width, height, color(random, 255)));
      g.fillRect(0, 0, width, height);
      int shapes = Math.max(1, (int) Math.round(SHAPES * Math.min(1.0, detail)));
      for (int i = 0; i < SHAPES; i++) {
        // Draw the random numbers of every shape, so a preview's shapes are the picture's first ones.
        int x = random.nextInt(width);
        int y = random.nextInt(height);
        int w = 1 + random.nextInt(Math.max(1, width / 2));
        int h = 1 + random.nextInt(Math.max(1, height / 2));
        Color c = color(random, 120 + random.nextInt(136));
        boolean round = random.nextBoolean();
        if (i >= shapes) {
          continue;
        }
        g.setColor(c);
        g.setStroke(new BasicStroke(Math.max(1f, width / 128f)));
        if (round) {
          g.fillOval(x - w / 2, y - h / 2, w, h);
        } else {
          g.drawRect(x - w / 2, y - h / 2, w, h);
        }
      }
    } finally {
      g.dispose();
    }
    return png(img);
  }

  private static Color color(Random random, int alpha) {
    return new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), alpha);
  }

  static byte[] png(BufferedImage img) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(img, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding of a rendered picture failed", e);
    }
  }
}
