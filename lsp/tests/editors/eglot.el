;;; eglot.el --- drive reglement-lsp from Emacs with Eglot, in batch mode
;; Environment: REGLEMENT_LSP (the server), REGLEMENT_DIR (a folder with
;; kempen.reglement, kempen-regio.reglement and kapot.reglement),
;; REGLEMENT_OUT (where the results go, one per line).

(require 'eglot)
(require 'flymake)

(defvar reglement-out nil)
(defun out (fmt &rest args)
  (push (apply #'format fmt args) reglement-out))

(define-derived-mode reglement-mode prog-mode "Reglement"
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("\\.reglement\\'" . reglement-mode))
(add-to-list 'eglot-server-programs
             `(reglement-mode . (,(getenv "REGLEMENT_LSP"))))
(setq eglot-connect-timeout 60
      eglot-sync-connect t
      eglot-autoreconnect nil
      eglot-events-buffer-size 0)

(defun wait-until (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.1))
    (funcall pred)))

;; the diagnostics as Eglot receives them (flymake only shows them when
;; idle, and batch Emacs is never idle)
(defvar reglement-diagnostics nil)
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri diagnostics
           &allow-other-keys)
  (push (cons uri diagnostics) reglement-diagnostics))

(defun diagnostics-of (file)
  (find-file (expand-file-name file (getenv "REGLEMENT_DIR")))
  ;; eglot-ensure waits for a command, which batch Emacs never runs
  (unless (eglot-current-server)
    (apply #'eglot (eglot--guess-contact)))
  (wait-until (lambda () (eglot-current-server)) 60)
  (let ((uri (eglot--path-to-uri (buffer-file-name))))
    (wait-until (lambda () (assoc uri reglement-diagnostics)) 60)
    (mapc (lambda (d)
            (out "DIAG %s %s %d %s" file (plist-get d :severity)
                 (1+ (plist-get (plist-get (plist-get d :range) :start) :line))
                 (car (split-string (plist-get d :message) "\n"))))
          (cdr (assoc uri reglement-diagnostics)))))

(defun request (method params)
  (jsonrpc-request (eglot-current-server) method params))

;; the example: diagnostics, a hover, a completion
(diagnostics-of "kempen.reglement")
(goto-char (point-min))
(search-forward "wegingskader kempen")
(backward-char 2)
(let ((hover (request :textDocument/hover (eglot--TextDocumentPositionParams))))
  (out "HOVER %s" (replace-regexp-in-string
                   "\n" " " (plist-get (plist-get hover :contents) :value))))
(goto-char (point-min))
(search-forward "    gemeente ")
(let* ((result (request :textDocument/completion (eglot--TextDocumentPositionParams)))
       (items (if (vectorp result) result (plist-get result :items))))
  (mapc (lambda (i) (out "COMPLETION %s" (plist-get i :label))) items))
(set-buffer-modified-p nil)

;; the broken, messy copy: diagnostics, then formatting
(diagnostics-of "kapot.reglement")
(eglot-format-buffer)
(goto-char (point-min))
(search-forward "aandeel 25%")
(out "FORMATTED %s" (buffer-substring (line-beginning-position) (line-end-position)))

(with-temp-file (getenv "REGLEMENT_OUT")
  (insert (mapconcat #'identity (reverse reglement-out) "\n") "\n"))
(kill-emacs 0)
