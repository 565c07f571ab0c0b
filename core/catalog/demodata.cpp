// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/catalog/demodata.h"
#include "core/codes/gtin.h"
#include "core/storage/database.h"

#include <QDateTime>

#include <array>

namespace omnitill::DemoCatalog {

namespace {

// splitmix64: tiny, fast and identical on every platform (std distributions are not).
class Rng
{
public:
    explicit Rng(quint64 seed)
        : m_state(seed)
    { }
    quint64 next()
    {
        quint64 z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return int(next() % quint64(n)); }
    template<typename T, size_t N> const T &pick(const std::array<T, N> &a) { return a[size_t(below(int(N)))]; }

private:
    quint64 m_state;
};

struct CategoryDef
{
    const char *code;
    const char *name;
    const char *tax;
    Unit unit;
    int minCents;
    int maxCents;
    std::array<const char *, 10> nouns;
    std::array<const char *, 6> sizes;
};

const std::array<CategoryDef, 10> kCategories = { {
    { "DAIRY", "Dairy", "RED", Unit::Each, 49, 699,
        { "Whole Milk", "Greek Yogurt", "Crème fraîche", "Butter", "Gouda", "Emmentaler", "Quark", "Skyr", "Mozzarella",
            "Camembert" },
        { "150 g", "250 g", "500 g", "1 l", "400 g", "200 g" } },
    { "BAKERY", "Bakery", "RED", Unit::Each, 39, 499,
        { "Sourdough Loaf", "Brötchen", "Croissant", "Pain au chocolat", "Rye Bread", "Bagels", "Pretzel", "Baguette",
            "Ciabatta", "Apfelstrudel" },
        { "1 pc", "4 pcs", "6 pcs", "500 g", "750 g", "1 kg" } },
    { "PRODUCE", "Fruit & Vegetables", "RED", Unit::Kilogram, 99, 1299,
        { "Bananas", "Gala Apples", "Vine Tomatoes", "Jalapeño Peppers", "Avocados", "Clementines", "Carrots",
            "Red Onions", "Pears Conférence", "Courgettes" },
        { "loose", "organic", "loose", "loose", "organic", "loose" } },
    { "BEVERAGE", "Beverages", "STD", Unit::Each, 59, 2499,
        { "Sparkling Water", "Orange Juice", "Cola", "Café crème Beans", "Earl Grey Tea", "Riesling", "Pilsner", "Rosé",
            "Apfelschorle", "Espresso Beans" },
        { "0.5 l", "1 l", "1.5 l", "250 g", "0.75 l", "6 x 0.33 l" } },
    { "SNACKS", "Snacks & Sweets", "RED", Unit::Each, 79, 599,
        { "Potato Chips", "Dark Chocolate", "Salted Pretzels", "Gummy Bears", "Müsli Bar", "Trail Mix",
            "Pâte de fruits", "Shortbread", "Tortilla Chips", "Nougat" },
        { "100 g", "150 g", "175 g", "200 g", "300 g", "5 pcs" } },
    { "FROZEN", "Frozen", "RED", Unit::Each, 149, 899,
        { "Pizza Margherita", "Peas", "Fish Fingers", "Vanilla Ice Cream", "Spinach", "Berry Mix", "Croquettes",
            "Lasagne", "Gnocchi", "Sorbet" },
        { "300 g", "400 g", "450 g", "750 g", "1 kg", "500 ml" } },
    { "DELI", "Deli", "RED", Unit::Each, 199, 1299,
        { "Pâté de campagne", "Serrano Ham", "Hummus", "Olives", "Smoked Salmon", "Salami", "Feta", "Pesto",
            "Antipasti", "Tapenade" },
        { "100 g", "125 g", "150 g", "200 g", "250 g", "180 g" } },
    { "HOUSEHOLD", "Household", "STD", Unit::Each, 99, 1999,
        { "Dish Soap", "Laundry Detergent", "Paper Towels", "Trash Bags", "Sponges", "Glass Cleaner", "Candles",
            "Batteries AA", "Light Bulb LED", "Aluminium Foil" },
        { "500 ml", "1 l", "2 rolls", "20 pcs", "4 pcs", "8 pcs" } },
    { "CARE", "Personal Care", "STD", Unit::Each, 129, 2499,
        { "Shampoo", "Toothpaste", "Shower Gel", "Hand Cream", "Deodorant", "Sunscreen SPF 50", "Lip Balm",
            "Razor Blades", "Cotton Pads", "Body Lotion" },
        { "50 ml", "75 ml", "250 ml", "400 ml", "100 pcs", "4 pcs" } },
    { "APPAREL", "Apparel", "STD", Unit::Each, 799, 8999,
        { "Crew T-Shirt", "Hoodie", "Chinos", "Denim Jeans", "Rain Jacket", "Merino Socks", "Polo Shirt", "Fleece",
            "Running Shorts", "Beanie" },
        { "XS", "S", "M", "L", "XL", "XXL" } },
} };

const std::array<const char *, 16> kBrands
    = { "Alpenhof", "Nordkap", "Bella Vita", "Green Valley", "Côte Sud", "Hansen", "Müller & Söhne", "Sunny Farm",
          "Blue Harbour", "Koch", "Eden", "Terra", "Ørsted Foods", "Lindqvist", "Vega", "Casa Nova" };
const std::array<const char *, 8> kDescriptors
    = { "Classic", "Organic", "Premium", "Light", "Family Pack", "Bio", "Original", "Select" };
const std::array<const char *, 5> kColours = { "Navy", "Black", "Heather Grey", "Olive", "Bordeaux" };

// A unique 12-digit body for index i: a bijective scramble of i so neighbouring SKUs get unrelated-looking codes.
QString ean13(int prefix, qint64 i)
{
    constexpr quint64 kSpace = 10'000'000'000ull; // 10 digits after the 2-digit prefix
    const quint64 body = (quint64(i) * 7'919'000'003ull + 1'234'567ull) % kSpace;
    const QString digits = QString::number(prefix) + QString::number(body).rightJustified(10, u'0');
    return digits + QString::number(Gtin::checkDigit(digits));
}

} // namespace

QList<TaxClass> taxClasses()
{
    return { TaxClass { QStringLiteral("STD"), QStringLiteral("Standard rate 19%"), 19000 },
        TaxClass { QStringLiteral("RED"), QStringLiteral("Reduced rate 7%"), 7000 } };
}

void generate(const DemoOptions &options, const std::function<bool(const CatalogRecord &)> &sink)
{
    Rng rng(options.seed);
    const Currency eur = *Currency::fromCode(u"EUR");
    constexpr qint64 kWeek = 7ll * 24 * 3600 * 1000;
    qint64 sku = 0;
    qint64 product = 0;
    while (sku < options.skus) {
        const CategoryDef &cat = kCategories[size_t(rng.below(int(kCategories.size())))];
        const bool apparel = qstrcmp(cat.code, "APPAREL") == 0;
        const QString brand = QString::fromUtf8(rng.pick(kBrands));
        const QString noun = QString::fromUtf8(rng.pick(cat.nouns));
        const QString descriptor = QString::fromUtf8(rng.pick(kDescriptors));
        const qint64 baseCents = cat.minCents + rng.below(cat.maxCents - cat.minCents + 1);
        const qint64 price = (baseCents / 10) * 10 + 9; // x.x9 pricing
        ++product;

        CatalogRecord r;
        r.productCode = QStringLiteral("P%1").arg(product, 7, 10, QLatin1Char('0'));
        r.brand = brand;
        r.categoryCode = QString::fromLatin1(cat.code);
        r.categoryName = QString::fromLatin1(cat.name);
        r.taxClassCode = QString::fromLatin1(cat.tax);
        r.unit = cat.unit;
        r.validFromMs = 0;

        const int variants = apparel ? 3 + rng.below(3) : 1;
        const QString colour = QString::fromLatin1(rng.pick(kColours));
        const int firstSize = apparel ? rng.below(6 - variants + 1) : 0;
        for (int v = 0; v < variants && sku < options.skus; ++v) {
            ++sku;
            r.sku = QStringLiteral("SKU%1").arg(sku, 7, 10, QLatin1Char('0'));
            if (apparel) {
                r.productName = QStringLiteral("%1 %2 %3").arg(brand, noun, colour);
                r.variantLabel = QString::fromLatin1(cat.sizes[size_t(firstSize + v)]);
            } else {
                r.productName = QStringLiteral("%1 %2 %3").arg(brand, descriptor, noun);
                r.variantLabel = QString::fromUtf8(cat.sizes[size_t(rng.below(6))]);
            }
            r.source = r.sku;
            r.barcodes = QStringList { ean13(40, sku) };
            if (sku % 7 == 0)
                r.barcodes << ean13(41, sku); // a second GTIN, e.g. a relabelled batch
            r.price = Money(price + (apparel ? v / 2 * 200 : 0), eur);
            r.validFromMs = 0;
            r.validToMs.reset();
            if (!sink(r))
                return;
            if (sku % 20 == 0 && options.nowMs > kWeek) { // a running promotion: 20% off for two weeks
                CatalogRecord promo = r;
                promo.price = Money((r.price->minor() * 8 / 10) / 10 * 10 + 9, eur);
                promo.validFromMs = options.nowMs - kWeek;
                promo.validToMs = options.nowMs + kWeek;
                promo.barcodes.clear();
                if (!sink(promo))
                    return;
            }
        }
    }
}

Status seed(Database &db, const DemoOptions &options)
{
    Transaction tx(db.connection());
    if (!tx.begun())
        return tx.begun();
    CatalogWriter writer(db);
    if (auto st = writer.prepare(); !st)
        return st;
    for (const TaxClass &t : taxClasses()) {
        if (auto st = writer.defineTaxClass(t); !st)
            return st;
    }
    Status result = Ok {};
    generate(options, [&](const CatalogRecord &r) {
        result = writer.write(r);
        return result.ok();
    });
    if (!result)
        return result;
    if (auto st = writer.finish(); !st)
        return st;
    return tx.commit();
}

Status writeCsv(QIODevice &out, const DemoOptions &options)
{
    auto quote = [](const QString &s) -> QString {
        if (!s.contains(u',') && !s.contains(u'"') && !s.contains(u'\n'))
            return s;
        QString q = s;
        q.replace(u'"', QStringLiteral("\"\""));
        return u'"' + q + u'"';
    };
    QHash<QString, qint32> rates;
    for (const TaxClass &t : taxClasses())
        rates.insert(t.code, t.rateMilliPct);
    auto writeLine = [&](const QString &line) {
        const QByteArray bytes = line.toUtf8() + '\n';
        return out.write(bytes) == bytes.size();
    };
    if (!writeLine(QStringLiteral("sku,name,variant_label,product_code,brand,category,category_name,unit,tax_class,"
                                  "tax_rate,barcode,price,currency,valid_from,valid_to")))
        return makeError(ErrorCode::Io, QStringLiteral("cannot write the CSV: %1").arg(out.errorString()));
    bool ok = true;
    generate(options, [&](const CatalogRecord &r) {
        auto iso = [](qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate); };
        const QStringList fields = {
            r.sku,
            quote(r.productName),
            quote(r.variantLabel),
            r.productCode,
            quote(r.brand),
            r.categoryCode,
            quote(r.categoryName),
            unitToString(r.unit),
            r.taxClassCode,
            formatFixed(rates.value(r.taxClassCode), 3),
            r.barcodes.join(u'|'),
            r.price->toString(),
            r.price->currency().code(),
            r.validFromMs ? iso(r.validFromMs) : QString(),
            r.validToMs ? iso(*r.validToMs) : QString(),
        };
        ok = writeLine(fields.join(u','));
        return ok;
    });
    if (!ok)
        return makeError(ErrorCode::Io, QStringLiteral("cannot write the CSV: %1").arg(out.errorString()));
    return Ok {};
}

} // namespace omnitill::DemoCatalog
