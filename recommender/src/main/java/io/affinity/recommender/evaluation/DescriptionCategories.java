package io.affinity.recommender.evaluation;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Categories for the Online Retail catalogue, which has none: the first category, in the order
 * below, with a keyword among the words of the description ("JUMBO BAG RED RETROSPOT" is in Bags,
 * "CHRISTMAS CANDLE" in Christmas). A heuristic good enough to tell a cross-sell (another category)
 * from more of the same in the offline evaluation; not a product taxonomy.
 */
public final class DescriptionCategories {
  /** What is left when no keyword matches. */
  public static final String OTHER = "Other";

  private static final Map<String, Set<String>> KEYWORDS = new LinkedHashMap<>();

  static {
    add("Christmas", "CHRISTMAS XMAS ADVENT SANTA REINDEER SNOWMAN SNOWFLAKE NATIVITY");
    add("Candles and lights", "CANDLE CANDLES T-LIGHT T-LIGHTS TEALIGHT LANTERN LIGHT LIGHTS LAMP");
    add("Jewellery", "NECKLACE BRACELET EARRINGS RING CHARM BEADS BROOCH DIAMANTE HAIRCLIP");
    add("Bags", "BAG BAGS PURSE SHOPPER TOTE BACKPACK RUCKSACK");
    add(
        "Kitchen and dining",
        "MUG MUGS CUP CUPS BOWL BOWLS PLATE PLATES CUTLERY BEAKER DISH TEAPOT JUG NAPKINS"
            + " PLACEMATS COASTERS APRON TRAY BAKING CAKE CASES LUNCH BOTTLE JAR GLASS SPOON"
            + " TEA COFFEE KITCHEN EGG TEATIME");
    add("Cards and wrap", "CARD CARDS WRAP TAG TAGS RIBBON RIBBONS TISSUES ENVELOPE ENVELOPES");
    add(
        "Stationery",
        "NOTEBOOK PEN PENS PENCIL PENCILS STICKERS STICKER SKETCHBOOK ERASER TAPE CALENDAR DIARY"
            + " NOTEPAD");
    add("Party", "PARTY BUNTING BALLOON BALLOONS GARLAND STRAWS CONFETTI");
    add("Toys and games", "TOY TOYS GAME GAMES PUZZLE JIGSAW DOLL SKIPPING CRAYONS DOMINOES");
    add("Garden", "GARDEN PLANT PLANTER POT WATERING PARASOL BIRD BIRDHOUSE");
    add(
        "Home decor",
        "FRAME SIGN CLOCK MIRROR DOORSTOP CUSHION COVER HOOK HOOKS HANGER DECORATION HEART WREATH"
            + " VASE ORNAMENT DOORMAT");
    add("Storage", "BOX BOXES BASKET STORAGE CABINET DRAWER RACK CONTAINER");
    add("Bath and textiles", "TOWEL SOAP BATH UMBRELLA SCARF GLOVES HOT-WATER TOWELS");
  }

  private DescriptionCategories() {}

  private static void add(String category, String words) {
    KEYWORDS.put(category, Set.of(words.split(" ")));
  }

  /** The categories in the order they are tried, {@link #OTHER} last. */
  public static List<String> names() {
    List<String> names = new java.util.ArrayList<>(KEYWORDS.keySet());
    names.add(OTHER);
    return names;
  }

  /** The category of a product described as {@code description}; {@link #OTHER} if none fits. */
  public static String of(String description) {
    if (description == null) {
      return OTHER;
    }
    Set<String> words =
        Arrays.stream(description.toUpperCase(Locale.ROOT).split("[^A-Z-]+"))
            .filter(w -> !w.isEmpty())
            .collect(Collectors.toSet());
    for (Map.Entry<String, Set<String>> e : KEYWORDS.entrySet()) {
      for (String keyword : e.getValue()) {
        if (words.contains(keyword)) {
          return e.getKey();
        }
      }
    }
    return OTHER;
  }
}
