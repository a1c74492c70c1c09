package io.affinity.core.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The words the synthetic shop is made of: category paths, brands, people's names, streets, towns
 * and countries. Invented or common words only; e-mail addresses use the reserved {@code
 * example.com} domain, so no real person or mailbox is named.
 */
final class Names {
  // Department -> categories. Listed by department; CATEGORIES interleaves them so that even a
  // small shop gets categories from several departments.
  private static final Map<String, List<String>> TREE =
      Map.ofEntries(
          Map.entry("Home", List.of("Kitchen", "Bedding", "Bath", "Lighting", "Decor", "Storage")),
          Map.entry("Garden", List.of("Tools", "Plants", "Furniture", "Watering", "Barbecue")),
          Map.entry(
              "Electronics", List.of("Phones", "Phone Cases", "Audio", "Cameras", "Batteries")),
          Map.entry("Fashion", List.of("Shoes", "Shirts", "Dresses", "Bags", "Socks")),
          Map.entry("Beauty", List.of("Skincare", "Haircare", "Makeup", "Fragrance")),
          Map.entry("Grocery", List.of("Coffee", "Tea", "Snacks", "Pasta", "Breakfast")),
          Map.entry("Sports", List.of("Running", "Cycling", "Yoga", "Camping", "Swimming")),
          Map.entry("Toys", List.of("Puzzles", "Dolls", "Board Games", "Building Sets")),
          Map.entry("Pets", List.of("Dog Food", "Cat Food", "Pet Toys", "Pet Beds")),
          Map.entry("Office", List.of("Paper", "Pens", "Printer Ink", "Desks")),
          Map.entry("Baby", List.of("Nappies", "Feeding", "Prams", "Baby Clothes")),
          Map.entry("Books", List.of("Fiction", "Cookbooks", "Travel", "Children's Books")));

  private static final List<String> DEPARTMENT_ORDER =
      List.of(
          "Home",
          "Electronics",
          "Garden",
          "Fashion",
          "Grocery",
          "Sports",
          "Beauty",
          "Toys",
          "Pets",
          "Office",
          "Baby",
          "Books");

  /** Category paths ({@code Home/Kitchen}), departments interleaved. */
  static final List<String> CATEGORIES = interleave();

  static final List<String> BUDGET_BRANDS =
      List.of("Valuline", "Basix", "Thrifton", "Everyday", "Smart Buy", "Homely");
  static final List<String> STANDARD_BRANDS =
      List.of("Northwind", "Acme", "Brightside", "Oakfield", "Riverton", "Solace", "Kestrel");
  static final List<String> PREMIUM_BRANDS =
      List.of("Aurelia", "Maison Lark", "Vantor", "Heritage & Co", "Nobilis", "Sterling Oak");

  static final List<String> FIRST_NAMES =
      List.of(
          "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Lily", "Freya", "Emily", "Ella",
          "Sophie", "Chloe", "Hannah", "Lucy", "Anna", "Clara", "Noah", "Oliver", "George", "Leo",
          "Harry", "Jack", "Oscar", "Charlie", "Jacob", "Thomas", "James", "William", "Henry",
          "Samuel", "Daniel", "Adam", "Lukas", "Marie", "Paul", "Elena", "Luca", "Sofia", "Hugo",
          "Nina");
  static final List<String> SURNAMES =
      List.of(
          "Smith",
          "Jones",
          "Taylor",
          "Brown",
          "Williams",
          "Wilson",
          "Johnson",
          "Davies",
          "Patel",
          "Robinson",
          "Wright",
          "Thompson",
          "Evans",
          "Walker",
          "White",
          "Roberts",
          "Green",
          "Hall",
          "Wood",
          "Jackson",
          "Clarke",
          "Hughes",
          "Edwards",
          "Turner",
          "Hill",
          "Moore",
          "Cooper",
          "Ward",
          "Morris",
          "King",
          "Baker",
          "Harris",
          "Lewis",
          "Martin",
          "Muller",
          "Schmidt",
          "Dubois",
          "Rossi",
          "Garcia",
          "Novak");
  static final List<String> STREETS =
      List.of(
          "High Street",
          "Station Road",
          "Church Lane",
          "Mill Lane",
          "Park Avenue",
          "Victoria Road",
          "Green Lane",
          "Manor Road",
          "Kings Road",
          "Queens Road",
          "New Street",
          "School Lane",
          "The Crescent",
          "Orchard Way",
          "Meadow Close",
          "Bridge Street");
  static final List<String> TOWNS =
      List.of(
          "Ashford",
          "Bramley",
          "Carlton",
          "Dunmore",
          "Eastwick",
          "Fairford",
          "Greenhill",
          "Hartfield",
          "Kingsbury",
          "Langley",
          "Milton",
          "Northam",
          "Oakley",
          "Redford",
          "Stanton",
          "Westbury");

  // Country and weight: most customers are in the shop's home country.
  private static final List<String> COUNTRIES =
      List.of(
          "United Kingdom",
          "Germany",
          "France",
          "Ireland",
          "Netherlands",
          "Spain",
          "Belgium",
          "Norway");
  private static final double[] COUNTRY_WEIGHTS = {0.70, 0.07, 0.06, 0.05, 0.04, 0.03, 0.03, 0.02};

  private Names() {}

  /** A country, most likely the United Kingdom. */
  static String country(SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int i = 0; i < COUNTRY_WEIGHTS.length; i++) {
      u -= COUNTRY_WEIGHTS[i];
      if (u < 0) {
        return COUNTRIES.get(i);
      }
    }
    return COUNTRIES.get(0);
  }

  /** A UK-style postcode such as {@code KB12 3XY}. */
  static String postcode(SplittableRandom rng) {
    return ""
        + letter(rng)
        + letter(rng)
        + (1 + rng.nextInt(20))
        + " "
        + rng.nextInt(10)
        + letter(rng)
        + letter(rng);
  }

  /** A street address such as {@code 12 Mill Lane, Oakley}. */
  static String address(SplittableRandom rng) {
    return (1 + rng.nextInt(200)) + " " + pick(STREETS, rng) + ", " + pick(TOWNS, rng);
  }

  static <T> T pick(List<T> list, SplittableRandom rng) {
    return list.get(rng.nextInt(list.size()));
  }

  private static char letter(SplittableRandom rng) {
    return (char) ('A' + rng.nextInt(26));
  }

  private static List<String> interleave() {
    List<String> paths = new ArrayList<>();
    for (int i = 0; ; i++) {
      boolean any = false;
      for (String department : DEPARTMENT_ORDER) {
        List<String> categories = TREE.get(department);
        if (i < categories.size()) {
          paths.add(department + "/" + categories.get(i));
          any = true;
        }
      }
      if (!any) {
        return List.copyOf(paths);
      }
    }
  }

  /** The path of category {@code index}; beyond the named ones, names repeat with a number. */
  static String categoryPath(int index) {
    int round = index / CATEGORIES.size();
    String path = CATEGORIES.get(index % CATEGORIES.size());
    return round == 0 ? path : path + " " + (round + 1);
  }
}
