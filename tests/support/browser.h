// SPDX-License-Identifier: GPL-3.0-or-later
// Headless Chromium driven as a person would drive it: it opens pages, clicks what is on them and types into their
// fields, keeps its cookies, and takes screenshots. Spoken to over the DevTools protocol on a pipe
// (--remote-debugging-pipe: JSON messages ending in a NUL, Chromium reading fd 3 and writing fd 4); nothing from npm.
// Waits turn the event loop, so a hub on the test's thread keeps answering.
#pragma once

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

namespace omnitill::test {

class Browser
{
public:
    explicit Browser(int width = 390, int height = 844)
        : m_width(width)
        , m_height(height)
    {
        int toChrome[2], fromChrome[2];
        if (pipe2(toChrome, O_CLOEXEC) != 0 || pipe2(fromChrome, O_CLOEXEC) != 0) {
            m_error = QStringLiteral("no pipes");
            return;
        }
        const int chromeReads = toChrome[0], chromeWrites = fromChrome[1];
        m_write = toChrome[1];
        m_read = fromChrome[0];
        fcntl(m_read, F_SETFL, O_NONBLOCK);
        m_chromium.setChildProcessModifier([chromeReads, chromeWrites] {
            // Above any fd the child has, then onto 3 and 4 (dup2 leaves them open across exec).
            const int r = fcntl(chromeReads, F_DUPFD, 10);
            const int w = fcntl(chromeWrites, F_DUPFD, 10);
            dup2(r, 3);
            dup2(w, 4);
        });
        m_chromium.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_chromium.start(QStringLiteral("chromium"),
            { QStringLiteral("--headless=new"), QStringLiteral("--no-sandbox"), QStringLiteral("--disable-gpu"),
                QStringLiteral("--remote-debugging-pipe"), QStringLiteral("--hide-scrollbars"),
                QStringLiteral("--window-size=%1,%2").arg(width).arg(height),
                QStringLiteral("--user-data-dir=") + m_profile.path(), QStringLiteral("about:blank") });
        ::close(chromeReads);
        ::close(chromeWrites);
        if (!m_chromium.waitForStarted(10'000)) {
            m_error = QStringLiteral("chromium did not start (packaging/install-deps.sh installs it)");
            return;
        }
        const QJsonObject target = call(QStringLiteral("Target.createTarget"), { { u"url"_qs, u"about:blank"_qs } });
        const QJsonObject attached = call(QStringLiteral("Target.attachToTarget"),
            { { u"targetId"_qs, target.value(u"targetId") }, { u"flatten"_qs, true } });
        m_session = attached.value(u"sessionId").toString();
        if (m_session.isEmpty()) {
            m_error = QStringLiteral("chromium gave no page: ") + m_error;
            return;
        }
        call(QStringLiteral("Page.enable"), {}, true);
        call(QStringLiteral("Network.enable"), {}, true);
        resize(width, height);
    }
    ~Browser()
    {
        if (m_chromium.state() != QProcess::NotRunning) {
            send(QStringLiteral("Browser.close"), {}, false);
            if (!m_chromium.waitForFinished(5'000)) {
                m_chromium.kill();
                m_chromium.waitForFinished(5'000);
            }
        }
        ::close(m_write);
        ::close(m_read);
    }
    Browser(const Browser &) = delete;
    Browser &operator=(const Browser &) = delete;

    // Empty while all is well; else what went wrong last.
    QString error() const { return m_error; }

    // Opens `url` and waits until it has loaded; false (with error()) when it did not.
    bool open(const QString &url)
    {
        const int loads = m_loads;
        const QJsonObject r = call(QStringLiteral("Page.navigate"), { { u"url"_qs, url } }, true);
        if (r.contains(u"errorText")) {
            m_error = r.value(u"errorText").toString();
            return false;
        }
        return waitForLoad(loads);
    }
    // Clicks the middle of the first element matching `selector` with the mouse; with `loads`, waits for the page it
    // leads to.
    bool click(const QString &selector, bool loads = false)
    {
        const QJsonValue box = evaluate(QStringLiteral("(() => { const e = document.querySelector(%1); if (!e) return "
                                                       "null; e.scrollIntoView({block: 'center'}); const r = "
                                                       "e.getBoundingClientRect(); return [r.x + r.width / 2, r.y + "
                                                       "r.height / 2]; })()")
                                            .arg(quoted(selector)));
        if (!box.isArray()) {
            m_error = QStringLiteral("nothing on the page matches %1").arg(selector);
            return false;
        }
        const double x = box.toArray().at(0).toDouble(), y = box.toArray().at(1).toDouble();
        const int before = m_loads;
        for (const char *type : { "mousePressed", "mouseReleased" })
            call(QStringLiteral("Input.dispatchMouseEvent"),
                { { u"type"_qs, QLatin1String(type) }, { u"x"_qs, x }, { u"y"_qs, y }, { u"button"_qs, u"left"_qs },
                    { u"clickCount"_qs, 1 } },
                true);
        return !loads || waitForLoad(before);
    }
    // Clicks into the field `selector` and types `text` as a keyboard would.
    bool type(const QString &selector, const QString &text)
    {
        if (!click(selector))
            return false;
        call(QStringLiteral("Input.insertText"), { { u"text"_qs, text } }, true);
        return m_error.isEmpty();
    }
    // Presses Enter in the focused field (submits its form) and waits for the page it leads to.
    bool pressEnter()
    {
        const int before = m_loads;
        for (const char *type : { "keyDown", "keyUp" })
            call(QStringLiteral("Input.dispatchKeyEvent"),
                { { u"type"_qs, QLatin1String(type) }, { u"key"_qs, u"Enter"_qs }, { u"code"_qs, u"Enter"_qs },
                    { u"windowsVirtualKeyCode"_qs, 13 }, { u"text"_qs, u"\r"_qs } },
                true);
        return waitForLoad(before);
    }
    // The value of a JavaScript expression run in the page (DevTools runs it whatever the page's policy).
    QJsonValue evaluate(const QString &expression)
    {
        const QJsonObject r = call(QStringLiteral("Runtime.evaluate"),
            { { u"expression"_qs, expression }, { u"returnByValue"_qs, true } }, true);
        return r.value(u"result").toObject().value(u"value");
    }
    QString text() { return evaluate(QStringLiteral("document.body ? document.body.innerText : ''")).toString(); }
    QString url() { return evaluate(QStringLiteral("location.href")).toString(); }
    // The cookies the browser keeps for `url`, as a Cookie header would carry them.
    QByteArray cookieHeader(const QString &url)
    {
        const QJsonObject r = call(QStringLiteral("Network.getCookies"), { { u"urls"_qs, QJsonArray { url } } }, true);
        QByteArrayList parts;
        for (const QJsonValue &c : r.value(u"cookies").toArray())
            parts.append(c[u"name"].toString().toUtf8() + '=' + c[u"value"].toString().toUtf8());
        return parts.join("; ");
    }
    // A PNG of the whole page (as tall as it is).
    bool screenshot(const QString &path)
    {
        const int height
            = std::max(m_height, evaluate(QStringLiteral("document.documentElement.scrollHeight")).toInt());
        resize(m_width, std::min(height, 8000));
        const QJsonObject shot = call(QStringLiteral("Page.captureScreenshot"), { { u"format"_qs, u"png"_qs } }, true);
        resize(m_width, m_height);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly)
            || f.write(QByteArray::fromBase64(shot.value(u"data").toString().toLatin1())) <= 0) {
            m_error = QStringLiteral("cannot write %1").arg(path);
            return false;
        }
        return true;
    }

private:
    static QString quoted(const QString &s)
    {
        return QString::fromUtf8(QJsonDocument(QJsonArray { s }).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    }
    void resize(int width, int height)
    {
        call(QStringLiteral("Emulation.setDeviceMetricsOverride"),
            { { u"width"_qs, width }, { u"height"_qs, height }, { u"deviceScaleFactor"_qs, 1 },
                { u"mobile"_qs, false } },
            true);
    }
    int send(const QString &method, const QJsonObject &params, bool inPage)
    {
        QJsonObject message { { u"id"_qs, ++m_nextId }, { u"method"_qs, method }, { u"params"_qs, params } };
        if (inPage)
            message.insert(u"sessionId"_qs, m_session);
        const QByteArray bytes = QJsonDocument(message).toJson(QJsonDocument::Compact) + '\0';
        qsizetype written = 0;
        while (written < bytes.size()) {
            const ssize_t n = ::write(m_write, bytes.constData() + written, size_t(bytes.size() - written));
            if (n <= 0) {
                m_error = QStringLiteral("chromium stopped listening");
                return -1;
            }
            written += n;
        }
        return m_nextId;
    }
    // Reads what Chromium has said so far: answers kept by id, page loads counted.
    void pump()
    {
        char chunk[65536];
        for (;;) {
            const ssize_t n = ::read(m_read, chunk, sizeof chunk);
            if (n <= 0)
                break;
            m_buffer.append(chunk, n);
        }
        for (qsizetype end; (end = m_buffer.indexOf('\0')) >= 0;) {
            const QJsonObject message = QJsonDocument::fromJson(m_buffer.left(end)).object();
            m_buffer.remove(0, end + 1);
            if (message.contains(u"id"))
                m_answers.insert(message.value(u"id").toInt(), message);
            else if (message.value(u"method").toString() == QLatin1String("Page.loadEventFired"))
                ++m_loads;
        }
    }
    QJsonObject call(const QString &method, const QJsonObject &params, bool inPage = false)
    {
        const int id = send(method, params, inPage);
        if (id < 0)
            return {};
        if (!QTest::qWaitFor(
                [&] {
                    pump();
                    return m_answers.contains(id) || m_chromium.state() == QProcess::NotRunning;
                },
                30'000)
            || !m_answers.contains(id)) {
            m_error = QStringLiteral("chromium did not answer %1").arg(method);
            return {};
        }
        const QJsonObject answer = m_answers.take(id);
        if (answer.contains(u"error"))
            m_error = method + QStringLiteral(": ") + answer.value(u"error").toObject().value(u"message").toString();
        return answer.value(u"result").toObject();
    }
    bool waitForLoad(int loadsBefore)
    {
        if (QTest::qWaitFor(
                [&] {
                    pump();
                    return m_loads > loadsBefore;
                },
                30'000))
            return true;
        m_error = QStringLiteral("the page did not load");
        return false;
    }

    int m_width, m_height;
    QTemporaryDir m_profile;
    QProcess m_chromium;
    int m_write = -1, m_read = -1;
    int m_nextId = 0;
    int m_loads = 0;
    QString m_session;
    QString m_error;
    QByteArray m_buffer;
    QHash<int, QJsonObject> m_answers;
};

} // namespace omnitill::test
