package io.affinity.campaigns.lift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;

/**
 * A campaign's recipients as bytes and back, about 5 bytes a recipient: the customer ids as gaps
 * (sorted, so mostly 1), arm and segment as their numbers, and window starts as differences from
 * the previous one. Variable-length integers from Lucene's data streams, which the recommender's
 * index already uses.
 */
final class RecipientSnapshotCodec {
  /** The format written; a snapshot in any other is ignored and written again. */
  static final int FORMAT = 1;

  private RecipientSnapshotCodec() {}

  /** The bytes of {@code recipients} in their groups (RFM segments). */
  static byte[] encode(CampaignRecipients recipients) {
    ByteBuffersDataOutput out = new ByteBuffersDataOutput();
    try {
      out.writeVInt(FORMAT);
      out.writeZLong(recipients.started());
      writeNames(out, recipients.arms);
      writeNames(out, recipients.groups);
      int size = recipients.size();
      out.writeVInt(size);
      long customer = 0;
      long start = 0;
      for (int i = 0; i < size; i++) {
        out.writeVLong(recipients.customer(i) - customer);
        customer = recipients.customer(i);
        out.writeVInt(recipients.arm(i));
        out.writeVInt(recipients.group(i));
        out.writeZLong(recipients.start(i) - start);
        start = recipients.start(i);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // never: the output is in memory
    }
    return out.toArrayCopy();
  }

  /** The recipients in {@code bytes}; null if written in another format or not decodable. */
  static CampaignRecipients decode(byte[] bytes) {
    try {
      return read(new ByteArrayDataInput(bytes));
    } catch (IOException | RuntimeException e) {
      return null; // bytes that do not decode (another layout under the same format): read past
    }
  }

  private static CampaignRecipients read(ByteArrayDataInput in) throws IOException {
    if (in.readVInt() != FORMAT) {
      return null;
    }
    long started = in.readZLong();
    List<String> arms = readNames(in);
    List<String> groups = readNames(in);
    int size = in.readVInt();
    long[] customers = new long[size];
    int[] arm = new int[size];
    int[] group = new int[size];
    long[] start = new long[size];
    long customer = 0;
    long from = 0;
    for (int i = 0; i < size; i++) {
      customer += in.readVLong();
      customers[i] = customer;
      arm[i] = in.readVInt();
      group[i] = in.readVInt();
      from += in.readZLong();
      start[i] = from;
    }
    return CampaignRecipients.of(arms, groups, customers, arm, group, started, start);
  }

  private static void writeNames(ByteBuffersDataOutput out, List<String> names) throws IOException {
    out.writeVInt(names.size());
    for (String name : names) {
      out.writeString(name);
    }
  }

  private static List<String> readNames(ByteArrayDataInput in) throws IOException {
    int n = in.readVInt();
    List<String> names = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      names.add(in.readString());
    }
    return names;
  }
}
