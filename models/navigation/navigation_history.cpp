#include "models/navigation/navigation_history.h"

#include <algorithm>

NavigationHistory::NavigationHistory(int maxSteps)
    : m_maxSteps(std::max(1, maxSteps)) {}

bool NavigationHistory::push(const NavigationStep& step) {
    if (const NavigationStep* now = current(); now && *now == step)
        return false;
    m_steps.resize(std::size_t(m_current + 1)); // forget the steps ahead
    m_steps.push_back(step);
    if (int(m_steps.size()) > m_maxSteps)
        m_steps.erase(m_steps.begin(), m_steps.begin() + (int(m_steps.size()) - m_maxSteps));
    m_current = int(m_steps.size()) - 1;
    return true;
}

void NavigationHistory::replaceCurrent(const NavigationStep& step) {
    if (m_current < 0) {
        push(step);
        return;
    }
    m_steps[std::size_t(m_current)] = step;
}

std::optional<NavigationStep> NavigationHistory::back() {
    if (!canGoBack())
        return std::nullopt;
    return m_steps[std::size_t(--m_current)];
}

std::optional<NavigationStep> NavigationHistory::forward() {
    if (!canGoForward())
        return std::nullopt;
    return m_steps[std::size_t(++m_current)];
}

std::optional<NavigationStep> NavigationHistory::goTo(int index) {
    if (index < 0 || index >= int(m_steps.size()))
        return std::nullopt;
    m_current = index;
    return m_steps[std::size_t(index)];
}

const NavigationStep* NavigationHistory::current() const {
    return m_current >= 0 ? &m_steps[std::size_t(m_current)] : nullptr;
}

void NavigationHistory::clear() {
    m_steps.clear();
    m_current = -1;
}
