// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "sync/hub/httpserver.h"

namespace omnitill::sync {

// The pages the hub serves to people (an e-receipt, a basket on a phone): HTML with nothing loaded from elsewhere,
// no scripts, not indexed, not cached, the link not passed on.
HttpResponse htmlPage(int status, const QByteArray &html);
// A page that says one thing: `title` and `text`, escaped.
HttpResponse htmlNotice(int status, const QString &title, const QString &text);

} // namespace omnitill::sync
