// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/base/result.h"

#include <QString>
#include <QStringList>

namespace omnitill {

class Database;

// What the chain tells its kiosks, in the hub's config stream (omnitill-hub publish-stream config FILE):
//  - kiosk.nearby_stores: ["S002", "S003"], the stores whose stock a product shows, nearest first (at most 5);
//  - kiosk.product_url: "https://shop.example/p/{sku}", the online shop's page of a product for the phone; without,
//    the product's GS1 Digital Link;
//  - kiosk.promotions: ["SKU…", …], what the attract screen shows (at most 12); without, the promotions running in
//    the catalog, those ending soonest first;
//  - kiosk.idle_seconds: 60, how long a customer may stand without touching or scanning (20 to 600).
// A setting that is there but wrong is an error that names it: the kiosk does not start on a guess.
struct KioskSettings
{
    QStringList nearbyStores;
    QString productUrl;
    QStringList promotions;
    int idleSeconds = 60;
};
Result<KioskSettings> loadKioskSettings(Database &db);

} // namespace omnitill
