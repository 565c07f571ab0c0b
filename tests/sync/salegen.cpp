// SPDX-License-Identifier: GPL-3.0-or-later
// Test helper for the crash-consistency loop (T1): records sales as fast as it can through the real SaleStore and,
// with --hub, pushes them through the real SyncWorker at the same time. After each commit it prints
// "ACK <journal seq>", so a test that kills it with SIGKILL knows which sales were reported complete.
// With --no-sales it only syncs (push, then pull with --pull-limit N changes per page), for the pull kill loop (T7).
#include "core/catalog/catalog.h"
#include "core/sale/salestore.h"
#include "core/storage/database.h"
#include "sync/terminal/syncworker.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace omnitill;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: salegen DB [--hub URL --token TOKEN]\n");
        return 64;
    }
    const QString path = args.at(1);
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "salegen: %s\n", qPrintable(db.error().message));
        return 74;
    }
    Catalog catalog(**db);
    SaleStore store(**db, systemClock());
    const Currency eur = *Currency::fromCode(u"EUR");

    std::unique_ptr<sync::SyncWorker> worker;
    const qsizetype hubAt = args.indexOf(QStringLiteral("--hub"));
    const qsizetype tokenAt = args.indexOf(QStringLiteral("--token"));
    if (hubAt > 0 && tokenAt > 0) {
        sync::SyncConfig config;
        config.hub = QUrl(args.value(hubAt + 1));
        config.token = args.value(tokenAt + 1).toLatin1();
        config.batchSize = 20;
        config.backoffMinMs = 5;
        config.backoffMaxMs = 50;
        const qsizetype limitAt = args.indexOf(QStringLiteral("--pull-limit"));
        if (limitAt > 0)
            config.pullLimit = args.value(limitAt + 1).toInt();
        config.minPullGapMs = 0;
        worker = std::make_unique<sync::SyncWorker>(path, config);
        worker->start();
    }

    if (args.contains(QStringLiteral("--no-sales"))) { // only sync, over and over
        QTimer again;
        QObject::connect(&again, &QTimer::timeout, [&] { worker->syncNow(); });
        again.start(10);
        return QCoreApplication::exec();
    }
    int n = 0;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, [&] {
        Cart cart(eur, PricingMode::TaxInclusive);
        auto item
            = catalog.lookupSku(QStringLiteral("SKU%1").arg(1 + n % 50, 7, 10, QLatin1Char('0')), eur, systemClock()());
        if (!item || !cart.add(*item, unitAllowsFraction(item->unit) ? 500 : 1000)) {
            std::fprintf(stderr, "salegen: cannot build a cart\n");
            QCoreApplication::exit(70);
            return;
        }
        auto receipt = store.record(cart, Payment { Payment::Method::Card, std::nullopt, 1 });
        if (!receipt) {
            std::fprintf(stderr, "salegen: %s\n", qPrintable(receipt.error().message));
            QCoreApplication::exit(74);
            return;
        }
        std::printf("ACK %lld\n", receipt->journalSeq);
        std::fflush(stdout);
        ++n;
        if (worker && n % 5 == 0)
            worker->syncNow();
    });
    tick.start(0);
    return QCoreApplication::exec();
}
