#pragma once

#include <QString>

#include <optional>
#include <vector>

// One place the analyst was: which view, under which filter text and time range, and for a
// profile whose. What Back and Forward walk (docs/ui.md, "Drill-down is navigation").
struct NavigationStep {
    QString view;                 // view id: "events", "initiators", "profile", ...
    QString filterText;           // the global filter as applied (empty = every event)
    std::optional<qint64> fromUs; // explicit time range, UTC µs [from, to); none = open
    std::optional<qint64> toUs;
    QString profileKind; // "initiator" | "target" when the view is a profile, else empty
    QString profileKey;

    bool operator==(const NavigationStep& other) const = default;
};

// A browser's history of steps: push() records a new current step and forgets the steps ahead of
// it (a new page after going back drops the forward pages), back() and forward() move through
// them. No widgets: the window's ViewNavigator drives it and shows the steps.
class NavigationHistory {
public:
    explicit NavigationHistory(int maxSteps = 100);

    // Records `step` as the current one. A step equal to the current one is not recorded again
    // (returns false). Beyond maxSteps the oldest step is dropped.
    bool push(const NavigationStep& step);
    // Changes the current step in place (no new entry); push() when there is none.
    void replaceCurrent(const NavigationStep& step);

    bool canGoBack() const { return m_current > 0; }
    bool canGoForward() const { return m_current >= 0 && m_current + 1 < int(m_steps.size()); }
    // Moves one step and returns the step now current; nothing when there is no step that way.
    std::optional<NavigationStep> back();
    std::optional<NavigationStep> forward();
    // Moves to the step at `index` (the Go menu); nothing when out of range.
    std::optional<NavigationStep> goTo(int index);

    // nullptr before the first push().
    const NavigationStep* current() const;
    int currentIndex() const { return m_current; }
    const std::vector<NavigationStep>& steps() const { return m_steps; }
    int maxSteps() const { return m_maxSteps; }
    void clear();

private:
    std::vector<NavigationStep> m_steps;
    int m_current = -1;
    int m_maxSteps = 100;
};
