package dev.sessionrecorder.core.display;

/** A rectangle in virtual-desktop pixels; on Windows the origin can be negative (a monitor left of the primary). */
public record Rect(int x, int y, int width, int height) {
    public Rect {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    /** The smallest rectangle holding both. */
    public Rect union(Rect o) {
        int left = Math.min(x, o.x);
        int top = Math.min(y, o.y);
        int right = Math.max(x + width, o.x + o.width);
        int bottom = Math.max(y + height, o.y + o.height);
        return new Rect(left, top, right - left, bottom - top);
    }

    @Override
    public String toString() {
        return width + "x" + height + (x >= 0 ? "+" : "") + x + (y >= 0 ? "+" : "") + y;
    }
}
