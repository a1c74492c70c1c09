package io.affinity.campaigns.lift;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;

/**
 * A period's purchases ({@link PurchaseRows}) as bytes and back, about 17 bytes a purchase line:
 * times as differences from the line before (lines are in time order), customers, amounts and
 * products as variable-length integers (Lucene's data streams), and order keys in 8 bytes, except
 * on the next lines of the same order (they come one after another), which a flag marks.
 */
final class PurchaseSnapshotCodec {
  /** The format written; a snapshot in any other is ignored and written again. */
  static final int FORMAT = 1;

  // Flags per line: whether it has a product, and whether its order key follows.
  private static final int HAS_PRODUCT = 1;
  private static final int HAS_ORDER = 2;

  private PurchaseSnapshotCodec() {}

  /** The bytes of {@code rows}. */
  static byte[] encode(PurchaseRows rows) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(FORMAT);
      out.writeByte((byte) (rows.full ? 1 : 0));
      out.writeZLong(rows.from);
      out.writeZLong(rows.to);
      out.writeZLong(rows.watermark);
      out.writeVInt(rows.size());
      long at = 0;
      long previous = PurchaseRows.NO_ORDER;
      for (int row = 0; row < rows.size(); row++) {
        long product = rows.product.getLong(row);
        long order = rows.order.getLong(row);
        // A line without an order key repeats the line before's: none, or the same order.
        int flags =
            (product != PurchaseRows.NO_PRODUCT ? HAS_PRODUCT : 0)
                | (order != previous ? HAS_ORDER : 0);
        out.writeByte((byte) flags);
        out.writeZLong(rows.at.getLong(row) - at);
        at = rows.at.getLong(row);
        out.writeZLong(rows.customer.getLong(row));
        out.writeZLong(rows.cents.getLong(row));
        if (product != PurchaseRows.NO_PRODUCT) {
          out.writeZLong(product);
        }
        if (order != previous) {
          out.writeLong(order);
        }
        previous = order;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the output is in memory
    }
    return out.toArrayCopy();
  }

  /** The rows in {@code bytes}; null if written in another format or not decodable. */
  static PurchaseRows decode(byte[] bytes) {
    try {
      return read(new ByteArrayDataInput(bytes));
    } catch (IOException | RuntimeException e) {
      return null; // bytes that do not decode (another layout under the same format): read past
    }
  }

  private static PurchaseRows read(ByteArrayDataInput in) throws IOException {
    if (in.readVInt() != FORMAT) {
      return null;
    }
    boolean full = in.readByte() == 1;
    long from = in.readZLong();
    long to = in.readZLong();
    long watermark = in.readZLong();
    int size = in.readVInt();
    PurchaseRows rows = PurchaseRows.filled(full, from, to, watermark, size);
    long at = 0;
    long order = PurchaseRows.NO_ORDER;
    for (int row = 0; row < size; row++) {
      int flags = in.readByte();
      at += in.readZLong();
      long customer = in.readZLong();
      long cents = in.readZLong();
      long product = (flags & HAS_PRODUCT) != 0 ? in.readZLong() : PurchaseRows.NO_PRODUCT;
      if ((flags & HAS_ORDER) != 0) {
        order = in.readLong();
      }
      rows.append(customer, at, cents, product, order);
    }
    return rows;
  }
}
