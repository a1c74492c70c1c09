package io.affinity.campaigns.segments;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * What a segment selects now: how many customers, a few of them, and how many fall in each RFM
 * segment ({@code none} for customers without metrics).
 */
@Serdeable
public record SegmentPreview(long count, List<Member> sample, Map<String, Long> byRfmSegment) {

  /** One customer of the sample. */
  @Serdeable
  public record Member(String id, String name, String country, String rfmSegment) {}
}
