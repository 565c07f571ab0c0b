// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/hub/hubstore.h"

#include "core/base/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

namespace omnitill::sync {

// A commerce backend the hub forwards to and reads from (docs/CONNECTORS.md says what one must do). The hub's
// forwarder hands it queued store sales and returns one at a time, in the order the hub received them, from one
// thread; it must book each exactly once in the backend however often it is handed the same item (a crash, a lost
// answer), and finish what an earlier attempt left half made.
class CommerceConnector
{
public:
    virtual ~CommerceConnector() = default;
    // "vendure"
    virtual QString backend() const = 0;
    // Whether the backend answers and the key may do what the hub needs: a line for each thing checked.
    virtual Result<QStringList> check() = 0;
    struct Booked
    {
        QString ref; // what the backend calls it (an order's code)
    };
    // Books a queued store sale or return. `noteRef` keeps, in the hub, the id of anything made in the backend before
    // the next step, so a crash after it cannot lose it; `item.backendRef` is what an earlier attempt kept.
    // Errors: Unavailable (try again later), anything else (the backend refuses the item as it is: a manager looks).
    virtual Result<Booked> forward(
        const HubStore::ForwardItem &item, const std::function<Status(const QString &)> &noteRef)
        = 0;
    struct Imported
    {
        qint64 changed = 0; // items read and published (unchanged rows are not sent to the tills again)
        qint64 removed = 0; // items the backend no longer sells, removed from the tills
    };
    // Brings the backend's catalog (items, barcodes, prices, tax rates) into the hub's catalog and tax streams: what
    // changed since the last call (the connector keeps its own cursor in the hub), and with `sweep` every item, the
    // ones the backend no longer sells (deleted, disabled) removed. With a backend, the backend is the catalog.
    virtual Result<Imported> importCatalog(bool sweep) = 0;
    // Requests made to the backend so far, for the figures.
    virtual qint64 requests() const = 0;
};

// The connector the hub's settings name (`backend`), with the hub store it reads its mappings from, or an error that
// names what the settings lack.
Result<std::unique_ptr<CommerceConnector>> makeConnector(const QHash<QString, QString> &settings, HubStore &store);
// The same, with the settings the hub keeps.
Result<std::unique_ptr<CommerceConnector>> makeConnector(HubStore &store);

} // namespace omnitill::sync
