// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

#include <atomic>
#include <memory>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

namespace omnitill::test {

// A real HTTP/1.1 proxy on loopback that injects the network faults sync must survive, request by request:
// lost requests, lost responses after the hub committed, duplicated requests, delays, and a black hole that never
// answers. Each client connection is served by its own thread with blocking sockets, so the hub (on the test's event
// loop) and the client (on its own loop or thread) run undisturbed.
class FaultyProxy
{
public:
    struct Faults
    {
        double dropRequest = 0; // close the client connection without forwarding
        double dropResponse = 0; // forward (the hub commits), then close without answering
        double duplicate = 0; // forward the request twice
        int maxDelayMs = 0; // delay each answer by up to this
        bool blackHole = false; // accept and read requests, never answer
    };

    FaultyProxy(quint16 upstreamPort, quint32 seed);
    ~FaultyProxy();
    quint16 port() const { return m_port; }
    void setFaults(const Faults &faults);

    std::atomic<int> requests { 0 };
    std::atomic<int> droppedRequests { 0 };
    std::atomic<int> droppedResponses { 0 };
    std::atomic<int> duplicated { 0 };
    std::atomic<int> inFlight { 0 };
    std::atomic<int> maxInFlight { 0 };

private:
    void acceptLoop();
    void serve(qintptr descriptor);

    quint16 m_upstream;
    quint16 m_port = 0;
    std::mutex m_mutex;
    Faults m_faults;
    std::mt19937 m_rng;
    std::atomic<bool> m_stop { false };
    std::thread m_acceptor;
    std::vector<std::thread> m_handlers;
    std::mutex m_handlersMutex;
    std::atomic<bool> m_ready { false };
};

} // namespace omnitill::test
