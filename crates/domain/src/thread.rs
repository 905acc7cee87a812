//! Threads (one per article) and the visible comment tree of a thread.

use serde::Serialize;

use crate::comment::{Comment, Status};

/// A comment thread: one article of one site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Thread {
    /// Store id.
    pub id: i64,
    /// The site it belongs to.
    pub site_id: i64,
    /// The article's canonical URL.
    pub url: String,
    /// The article's title.
    pub title: String,
    /// Creation time, Unix milliseconds.
    pub created_at: i64,
}

/// A thread with its site name and number of published comments, for listings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadSummary {
    /// The thread.
    pub thread: Thread,
    /// The site's name.
    pub site_name: String,
    /// Published comments.
    pub comments: i64,
}

/// A node of the visible tree: a comment and its visible replies.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The comment. A deleted comment appears only as a placeholder for its replies.
    pub comment: Comment,
    /// Depth, 0 for top-level comments (capped at the configured maximum).
    pub depth: u32,
    /// Replies, oldest first.
    pub replies: Vec<Node>,
}

/// Builds the public tree of a thread from all its comments (any status, oldest first).
///
/// Approved comments are shown; a deleted comment is kept as a placeholder only when it has
/// visible replies; pending and spam comments are left out, and so are their replies. Replies
/// deeper than `max_depth` are attached at `max_depth`, under their nearest shown ancestor.
pub fn visible_tree(comments: &[Comment], max_depth: u32) -> Vec<Node> {
    use std::collections::HashMap;
    let mut children: HashMap<Option<i64>, Vec<&Comment>> = HashMap::new();
    for c in comments {
        children.entry(c.parent_id).or_default().push(c);
    }
    fn build(
        parent: Option<i64>,
        depth: u32,
        max_depth: u32,
        children: &HashMap<Option<i64>, Vec<&Comment>>,
        out: &mut Vec<Node>,
    ) {
        let Some(kids) = children.get(&parent) else {
            return;
        };
        for c in kids {
            match c.status {
                Status::Approved | Status::Deleted => {}
                Status::Pending | Status::Spam => continue,
            }
            if depth >= max_depth {
                // Flatten: this comment sits at max depth, and so do all its descendants.
                let mut replies = Vec::new();
                build(Some(c.id), depth, max_depth, children, &mut replies);
                let node = Node {
                    comment: (*c).clone(),
                    depth,
                    replies: Vec::new(),
                };
                if c.status == Status::Approved || !replies.is_empty() {
                    out.push(node);
                }
                out.extend(replies);
            } else {
                let mut replies = Vec::new();
                build(Some(c.id), depth + 1, max_depth, children, &mut replies);
                if c.status == Status::Approved || !replies.is_empty() {
                    out.push(Node {
                        comment: (*c).clone(),
                        depth,
                        replies,
                    });
                }
            }
        }
    }
    let mut out = Vec::new();
    build(None, 0, max_depth, &children, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(id: i64, parent: Option<i64>, status: Status) -> Comment {
        Comment {
            id,
            parent_id: parent,
            status,
            ..Comment::example()
        }
    }

    #[test]
    fn nests_replies_and_hides_unpublished() {
        let all = vec![
            c(1, None, Status::Approved),
            c(2, Some(1), Status::Approved),
            c(3, None, Status::Spam),
            c(4, Some(3), Status::Approved),
            c(5, None, Status::Pending),
        ];
        let tree = visible_tree(&all, 5);
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].comment.id, 1);
        assert_eq!(tree[0].replies[0].comment.id, 2);
        assert_eq!(tree[0].replies[0].depth, 1);
    }

    #[test]
    fn deleted_parent_stays_as_placeholder_only_with_replies() {
        let all = vec![
            c(1, None, Status::Deleted),
            c(2, Some(1), Status::Approved),
            c(3, None, Status::Deleted),
        ];
        let tree = visible_tree(&all, 5);
        assert_eq!(tree.len(), 1);
        assert_eq!(tree[0].comment.id, 1);
    }

    #[test]
    fn depth_is_capped() {
        let all = vec![
            c(1, None, Status::Approved),
            c(2, Some(1), Status::Approved),
            c(3, Some(2), Status::Approved),
            c(4, Some(3), Status::Approved),
        ];
        let tree = visible_tree(&all, 1);
        assert_eq!(
            tree[0].replies.len(),
            3,
            "deeper replies flattened at depth 1"
        );
        assert!(tree[0].replies.iter().all(|n| n.depth == 1));
        assert_eq!(
            tree[0]
                .replies
                .iter()
                .map(|n| n.comment.id)
                .collect::<Vec<_>>(),
            vec![2, 3, 4]
        );
    }
}
